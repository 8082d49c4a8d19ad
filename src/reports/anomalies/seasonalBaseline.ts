import { median } from '../robustStats';
import { AnomalyParams } from './anomalyParams';

/** What day `t` of a series is expected to be, in log units: level + the weekday's seasonal offset, ± scale. */
export interface Baseline {
    /** Added to every value before its logarithm. */
    offset: number;
    /** Median of the last `levelDays` weekday-adjusted log values. */
    level: number;
    /** Seasonal offset per weekday (0 = Sunday), in log units. */
    season: number[];
    /** Robust spread of a used day around its neighbours (1.4826 × MAD), at least `minScale`. */
    scale: number;
}

interface Point {
    i: number;
    weekday: number;
    v: number;
}

/**
 * The baseline of day `t` from the days before it only (`values[t - windowDays … t - 1]`, null = no value), or
 * undefined when `t` cannot be judged: too little history, a weekday on which the series is usually idle, or an erratic
 * series (a scale above `maxScale`, or more than `maxBreakShare` of its recent days breaking the band themselves).
 */
export function seasonalBaseline(
    values: readonly (number | null)[],
    weekdays: readonly number[],
    t: number,
    p: AnomalyParams,
): Baseline | undefined {
    const start = Math.max(0, t - p.windowDays);
    const history: { i: number; y: number }[] = [];
    for (let i = start; i < t; i++) {
        const y = values[i];
        if (y !== null && y !== undefined) history.push({ i, y });
    }
    const sameWeekday = history.filter((h) => weekdays[h.i] === weekdays[t]);
    const usedThatWeekday = sameWeekday.filter((h) => h.y > 0).length;
    if (history.length < p.minHistoryDays || sameWeekday.length < 4) return undefined;
    if (usedThatWeekday < p.minDensity * sameWeekday.length) return undefined;
    const offset = p.offsetShare * median(history.filter((h) => h.y > 0).map((h) => h.y));
    const points = history.map((h) => ({ i: h.i, weekday: weekdays[h.i] ?? 0, v: Math.log(h.y + offset) }));
    const season = weekdayProfile(points, start, t);
    const adjusted = new Map(points.map((point) => [point.i, point.v - (season[point.weekday] ?? 0)]));
    const levelValues = [...adjusted].filter(([i]) => i >= t - p.levelDays).map(([, a]) => a);
    const recent = history.filter((h) => h.i >= t - p.recentDays);
    const residualOf = (i: number): number[] => {
        const around: number[] = [];
        for (let j = i - p.neighbourDays; j <= i + p.neighbourDays; j++) {
            const b = j === i ? undefined : adjusted.get(j);
            if (b !== undefined) around.push(b);
        }
        return around.length >= p.neighbourDays ? [Math.abs((adjusted.get(i) ?? 0) - median(around))] : [];
    };
    const residuals = recent.filter((h) => h.y > 0).flatMap((h) => residualOf(h.i));
    if (levelValues.length < Math.ceil(p.levelDays / 2) || residuals.length < p.minHistoryDays / 4) return undefined;
    const scale = Math.max(p.minScale, 1.4826 * median(residuals));
    if (scale > p.maxScale) return undefined;
    const idle = recent.filter((h) => h.y <= 0).flatMap((h) => residualOf(h.i));
    const breaks = [...residuals, ...idle].filter((r) => r >= p.threshold * scale).length;
    if (breaks > p.maxBreakShare * (residuals.length + idle.length)) return undefined;
    return { offset, level: median(levelValues), season, scale };
}

/**
 * Seasonal offset per weekday: the median, over the 7-day blocks ending at `t - 1`, of each day's deviation from its
 * block's median (a weekday seen fewer than twice gets 0). Medians keep a spike or a level shift inside one block from
 * bending the profile.
 */
function weekdayProfile(points: Point[], start: number, t: number): number[] {
    const deviations: number[][] = Array.from({ length: 7 }, () => []);
    for (let end = t; end - 7 >= start; end -= 7) {
        const block = points.filter((point) => point.i >= end - 7 && point.i < end);
        if (block.length < 5) continue;
        const centre = median(block.map((point) => point.v));
        for (const point of block) deviations[point.weekday]?.push(point.v - centre);
    }
    return deviations.map((d) => (d.length >= 2 ? median(d) : 0));
}
