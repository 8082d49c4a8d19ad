import { median, quantile } from '../robustStats';
import { AnomalyParams } from './anomalyParams';

/** What day `t` of a series is expected to be, in log units: level + the weekday's seasonal offset, ± scale. */
export interface Baseline {
    /** Added to every value before its logarithm. */
    offset: number;
    /**
     * Median of the last `levelDays` weekday-adjusted log values on used weekdays (since the last level shift, if more
     * recent).
     */
    level: number;
    /** Seasonal offset per weekday (0 = Sunday), in log units. */
    season: number[];
    /** The series' own noise on days like day `t` (weekend or weekday), in log units: see seasonalBaseline. */
    scale: number;
    /** The series has zero days among the days it mostly works: its drops cannot be told from its idle days. */
    intermittent: boolean;
    /** Weekdays (0 = Sunday) the series is judged on: those it had a value on in at least `minDensity` of the window. */
    used: Set<number>;
}

/** The expected value of day `t` under a baseline, in the series' units. */
export function expectedValue(baseline: Baseline, weekday: number): number {
    return Math.exp(baseline.level + (baseline.season[weekday] ?? 0)) - baseline.offset;
}

/** A day's robust z-score against a baseline: log distance from the expected value, in units of its scale. */
export function scoreOf(baseline: Baseline, weekday: number, value: number): number {
    return (Math.log(value + baseline.offset) - baseline.level - (baseline.season[weekday] ?? 0)) / baseline.scale;
}

/** Saturday or Sunday (0 = Sunday). */
export const isWeekend = (weekday: number | undefined): boolean => weekday === 0 || weekday === 6;

/**
 * The baseline of day `t` from the days before it only (`values[t - windowDays … t - 1]`, null = no value), or
 * undefined when `t` cannot be judged: too little history, a weekday on which the series is usually idle, or an erratic
 * series (a scale above `maxScale`, or more than `maxBreakShare` of its recent days breaking the band themselves).
 * `shifts` are the first days of the series' level shifts, in order: the level is taken from the days since the last,
 * until `levelDays` of them have passed, and no residual or weekday block spans a step. Nor does one span a day of
 * `steps`, on which the series' make-up changed (compositionBreaks): its level catches up within `levelDays` as usual.
 *
 * The scale is the series' own noise, calibrated to its shape: each used day's residual is its distance from the
 * median of its `neighbourDays` nearest neighbours of its type on each side (weekday-adjusted); the scale is the
 * larger of 1.4826 × their median and their `tailQuantile` quantile ÷ that quantile of |N(0, 1)| (scaleOf), so a
 * heavy-tailed series gets a wider band than its median deviation alone gives. A weekend day is judged by the
 * weekend residuals when there are enough and they are wider than all days' (a series noisier at weekends), a weekday
 * by the weekdays' residuals (noiseScale).
 */
export function seasonalBaseline(
    values: readonly (number | null)[],
    weekdays: readonly number[],
    t: number,
    p: AnomalyParams,
    shifts: readonly number[] = [],
    flagged: ReadonlySet<number> = new Set(),
    steps: readonly number[] = [],
): Baseline | undefined {
    const since = Math.max(0, ...shifts);
    const start = Math.max(0, t - p.windowDays);
    const weekday = weekdays[t] ?? 0;
    const seen = new Array<number>(7).fill(0);
    const positive = new Array<number>(7).fill(0);
    let count = 0;
    for (let i = start; i < t; i++) {
        const y = values[i];
        if (y === null || y === undefined) continue;
        const w = weekdays[i] ?? 0;
        count++;
        seen[w] = (seen[w] ?? 0) + 1;
        if (y > 0) positive[w] = (positive[w] ?? 0) + 1;
    }
    const share = (w: number) => (positive[w] ?? 0) / Math.max(seen[w] ?? 0, 1);
    if (count < p.minHistoryDays || (seen[weekday] ?? 0) < 4 || share(weekday) < p.minDensity) return undefined;
    const used = new Set([0, 1, 2, 3, 4, 5, 6].filter((w) => (seen[w] ?? 0) > 0 && share(w) >= p.minDensity));
    // Zero days on the weekdays the series mostly works are its normal when it has had some: an intermittent series
    // is judged on the days it is used, and for spikes only.
    let zeros = 0;
    for (let i = start; i < t; i++) {
        const y = values[i];
        if (y !== null && y !== undefined && y <= 0 && share(weekdays[i] ?? 0) >= 0.5) zeros++;
    }
    const intermittent = zeros >= 2;
    // The window's days as offsets from `start` (NaN: no value, or a zero of an intermittent series).
    const n = t - start;
    const raw = new Float64Array(n).fill(Number.NaN);
    for (let k = 0; k < n; k++) {
        const y = values[start + k];
        if (y !== null && y !== undefined && !(intermittent && y <= 0) && !flagged.has(start + k)) raw[k] = y;
    }
    const offset = p.offsetShare * median(raw.filter((y) => y > 0));
    const logs = raw.map((y) => Math.log(y + offset));
    // Each day's part of the window: the level shifts in it split it into parts whose days are not compared.
    const bounds = [...shifts, ...steps];
    const part = Int32Array.from({ length: n }, (_, k) => bounds.filter((s) => s <= start + k).length);
    const season = weekdayProfile(logs, weekdays, start, part);
    const adjusted = logs.map((v, k) => v - (season[weekdays[start + k] ?? 0] ?? 0));
    // The last `levelDays` values on the weekdays the series works, since its last level shift: its idle days (whose
    // weekday-adjusted zeros stand for the window's older level) and its spikes and drops say nothing of its level.
    const levelValues: number[] = [];
    for (let k = n - 1; k >= Math.max(0, (since < t ? since : 0) - start) && levelValues.length < p.levelDays; k--) {
        const a = adjusted[k] ?? Number.NaN;
        if (!Number.isNaN(a) && used.has(weekdays[start + k] ?? 0)) levelValues.push(a);
    }
    const residual = residualsOf(adjusted, weekdays, start, p.neighbourDays, part);
    const residuals: { i: number; r: number }[] = [];
    for (let k = 0; k < n; k++) {
        const r = residual[k] ?? Number.NaN;
        if ((raw[k] ?? 0) > 0 && !Number.isNaN(r)) residuals.push({ i: start + k, r });
    }
    const levelNeeded = since > t - p.levelDays && since < t ? 1 : Math.ceil(p.levelDays / 2);
    if (levelValues.length < levelNeeded || residuals.length < p.minHistoryDays / 2) return undefined;
    // After a level shift the noise may have changed too: the days since count on their own, when wider, once there
    // are enough of them; from fewer, the larger of two estimates is mostly the noisier one's sampling error.
    const after = residuals.filter((x) => x.i >= since);
    const scale = Math.max(
        noiseScale(residuals, weekdays, t, p),
        since > start && after.length >= p.shiftNoiseDays ? noiseScale(after, weekdays, t, p) : 0,
    );
    if (scale > p.maxScale) return undefined;
    let judged = 0;
    let breaks = 0;
    for (let k = Math.max(0, t - p.recentDays - start); k < n; k++) {
        const r = residual[k] ?? Number.NaN;
        if (Number.isNaN(r)) continue;
        judged++;
        if (r >= p.threshold * scale) breaks++;
    }
    if (breaks > p.maxBreakShare * judged) return undefined;
    return { offset, level: median(levelValues), season, scale, intermittent, used };
}

/**
 * Each day's distance from the median of its `neighbours` nearest days of the same type (weekday or weekend) and the
 * same `part` of the window (between the same level shifts) with a value on each side (NaN without a value or with
 * fewer than `neighbours` of them): a weekday is compared with weekdays, so the weekend's own noise does not widen the
 * weekdays' band.
 */
function residualsOf(
    adjusted: Float64Array,
    weekdays: readonly number[],
    start: number,
    neighbours: number,
    part: Int32Array,
): Float64Array {
    const around = new Float64Array(2 * neighbours);
    const sameType = (j: number, k: number) =>
        isWeekend(weekdays[start + j]) === isWeekend(weekdays[start + k]) &&
        part[j] === part[k] &&
        !Number.isNaN(adjusted[j] ?? Number.NaN);
    return adjusted.map((a, k) => {
        if (Number.isNaN(a)) return Number.NaN;
        let m = 0;
        for (const step of [-1, 1]) {
            let found = 0;
            for (let j = k + step; j >= 0 && j < adjusted.length && found < neighbours; j += step) {
                if (!sameType(j, k)) continue;
                found++;
                const b = adjusted[j] ?? 0;
                // insertion sort: a handful of values
                let at = m++;
                while (at > 0 && (around[at - 1] ?? 0) > b) around[at] = around[--at] ?? 0;
                around[at] = b;
            }
        }
        if (m < neighbours) return Number.NaN;
        const middle = ((around[(m - 1) >> 1] ?? 0) + (around[m >> 1] ?? 0)) / 2;
        return Math.abs(a - middle);
    });
}

/**
 * The noise of the judged day's type: the scale of the residuals of weekdays for a weekday; for a weekend day, the
 * larger of the scale of the weekend residuals (when there are at least 8) and that of all residuals. A window holds
 * only 14–16 weekend days, whose own estimate comes out too narrow as often as too wide: a series no noisier at
 * weekends is judged there by its better-sampled noise of all days, one noisier at weekends by its weekend noise.
 */
function noiseScale(residuals: { i: number; r: number }[], weekdays: readonly number[], t: number, p: AnomalyParams) {
    const weekend = isWeekend(weekdays[t]);
    const sameType = residuals.filter((x) => isWeekend(weekdays[x.i]) === weekend).map((x) => x.r);
    const all = residuals.map((x) => x.r);
    if (sameType.length < 8) return scaleOf(all, p);
    return weekend ? Math.max(scaleOf(sameType, p), scaleOf(all, p)) : scaleOf(sameType, p);
}

/** The larger of 1.4826 × the median residual and the `tailQuantile` quantile ÷ that quantile of |N(0, 1)|. */
function scaleOf(residuals: number[], p: AnomalyParams): number {
    const tail = quantile(residuals, p.tailQuantile) / normalAbsQuantile(p.tailQuantile);
    return Math.max(p.minScale, 1.4826 * median(residuals), tail);
}

const normalQuantiles = new Map<number, number>();

/** The `q` quantile of |Z| for a standard normal Z (q = 0.9: 1.645), by bisection on erf. */
function normalAbsQuantile(q: number): number {
    let found = normalQuantiles.get(q);
    if (found === undefined) {
        let low = 0;
        let high = 10;
        for (let i = 0; i < 60; i++) {
            const mid = (low + high) / 2;
            if (erf(mid / Math.SQRT2) < q) low = mid;
            else high = mid;
        }
        found = (low + high) / 2;
        normalQuantiles.set(q, found);
    }
    return found;
}

/** Error function (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7). */
function erf(x: number): number {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y =
        1 -
        ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
            t *
            Math.exp(-x * x);
    return x >= 0 ? y : -y;
}

/**
 * Seasonal offset per weekday: the median, over the 7-day blocks ending at the window's end, of each day's deviation
 * from its block's median (a weekday seen fewer than twice gets 0). Medians keep a spike inside one block from bending
 * the profile; a block that holds a level shift (its days in two `part`s) is left out, as its days on each side of the
 * step would deviate from one median by the step.
 */
function weekdayProfile(logs: Float64Array, weekdays: readonly number[], start: number, part: Int32Array): number[] {
    const deviations: number[][] = Array.from({ length: 7 }, () => []);
    for (let end = logs.length; end - 7 >= 0; end -= 7) {
        if (part[end - 7] !== part[end - 1]) continue;
        const block = logs.subarray(end - 7, end);
        const present = block.filter((v) => !Number.isNaN(v));
        if (present.length < 5) continue;
        const centre = median(present);
        block.forEach((v, k) => {
            if (!Number.isNaN(v)) deviations[weekdays[start + end - 7 + k] ?? 0]?.push(v - centre);
        });
    }
    return deviations.map((d) => (d.length >= 2 ? median(d) : 0));
}
