import { median, quantile } from '../robustStats';
import type { DailySeries } from './queryDailySeries';
import { isWeekend } from './seasonalBaseline';

/** What a finest series was expected to cost on the days of an incident, from the weeks before its first day. */
export interface CellExpectation {
    /** Expected cost per weekday (0 = Sunday). */
    cost: number[];
    /**
     * Relative spread of a day's cost around its expectation (0.1: ±10 %) per weekday (0 = Sunday): weekdays and
     * weekend days each by their own days, as noise that adds a fixed amount weighs more on smaller weekend days.
     */
    costNoise: number[];
    /** Least spread of a day's cost, in money: an intermittent cell's cost on a day it is used (0 otherwise). */
    costFloor: number;
    /** Expected cost per 1M tokens, and its relative spread; null without counted tokens in the window. */
    price: number | null;
    priceNoise: number;
}

/** Days of history a cell's weekday profile and noise come from, days its level comes from, and neighbours. */
const PROFILE_DAYS = 56;
const LEVEL_DAYS = 7;
const NEIGHBOURS = 3;

/**
 * A cell's expectation before day `start`: a level (median of the last 7 days, each divided by its weekday's factor,
 * leaving out weekdays it is idle on)
 * times the weekday's factor (the median, over the 7-day blocks of the 8 weeks before or since the cell's first cost,
 * of the day ÷ its block's median; 1 for a weekday seen less than twice), and the median cost per 1M tokens of the last 7 days with tokens. A new cell
 * expects nothing, so all its cost is impact; a retired one soon expects nothing either. The spreads are relative
 * distances of each day from the median of its ±3 neighbours (weekday-adjusted), so a level shift in the window does
 * not count as noise. Simple medians, not the detector's baseline: cells are many and often sparse, and only their part
 * in an incident is asked of them.
 */
export function cellExpectation(cell: DailySeries, weekdays: readonly number[], start: number): CellExpectation {
    const costOf = (i: number) => Number(cell.effectiveCost[i] ?? 0);
    // From the cell's first day with cost: the days before a new cell existed say nothing of its weekdays.
    let from = Math.max(0, start - PROFILE_DAYS);
    while (from < start && costOf(from) === 0) from++;
    const days = Array.from({ length: start - from }, (_, k) => from + k);
    // Each day against the median of its 7-day block (ending at start), so a level shift in the window does not bend
    // the weekday profile.
    const ratios: number[][] = Array.from({ length: 7 }, () => []);
    for (let end = start; end - 7 >= from; end -= 7) {
        const block = days.filter((i) => i >= end - 7 && i < end);
        const centre = median(block.map(costOf));
        if (centre > 0) for (const i of block) ratios[weekdays[i] ?? 0]?.push(costOf(i) / centre);
    }
    const factor = ratios.map((r) => (r.length >= 2 ? median(r) : 1));
    const working = days.filter((i) => (factor[weekdays[i] ?? 0] ?? 0) > 0);
    const adjusted = working.map((i) => costOf(i) / (factor[weekdays[i] ?? 0] ?? 1));
    const recent = adjusted.filter((_, k) => (working[k] ?? 0) >= start - LEVEL_DAYS);
    const level = recent.length > 0 ? median(recent) : 0;
    const prices = days
        .map((i) => cell.costPerMillion[i])
        .filter((price): price is string => price !== null && price !== undefined)
        .map(Number);
    const price = prices.length > 0 ? median(prices.slice(-LEVEL_DAYS)) : null;
    // A cell idle on some of the days it works (twice or more) can go idle, or come back, any day: its own noise is its
    // whole level on the days it is used. It works on every weekday but those it was never used on, seen twice or more
    // (counted, not from the weekday factor, which a young cell's idle days pull down to nothing).
    const off = (weekday: number) => {
        const same = days.filter((i) => weekdays[i] === weekday);
        return same.length >= 2 && same.every((i) => costOf(i) === 0);
    };
    const idle = days.filter((i) => costOf(i) === 0 && !off(weekdays[i] ?? 0)).length;
    const used = adjusted.filter((a) => a > 0);
    const ofType = (weekend: boolean) => {
        const same = adjusted.filter((_, k) => isWeekend(weekdays[working[k] ?? 0]) === weekend);
        const noise = spread(same.length >= 8 ? same : adjusted);
        return idle >= 2 ? Math.max(1, noise) : noise;
    };
    const noise = { weekday: ofType(false), weekend: ofType(true) };
    return {
        cost: factor.map((f) => level * f),
        costNoise: factor.map((_, w) => (isWeekend(w) ? noise.weekend : noise.weekday)),
        costFloor: idle >= 2 && used.length > 0 ? median(used) : 0,
        price,
        priceNoise: spread(prices),
    };
}

/**
 * Relative spread of a sequence around its local level: each value's relative distance from the median of its ±3
 * neighbours; the 80th percentile of those ÷ 1.2816 (that percentile of |N(0, 1)|), so an intermittent cell's idle
 * days count, or when larger their 90th percentile ÷ 1.645, so a heavy-tailed cell gets the wider noise its tails need
 * (as the detector's scale does: a cause is held to the same bar as a flagged day).
 */
function spread(values: number[]): number {
    const distances = values.flatMap((value, i) => {
        const around = [...values.slice(Math.max(0, i - NEIGHBOURS), i), ...values.slice(i + 1, i + 1 + NEIGHBOURS)];
        const local = median(around);
        return around.length >= NEIGHBOURS && local > 0 ? [Math.abs(value / local - 1)] : [];
    });
    if (distances.length === 0) return 0;
    const typical = median(distances) / 0.6745;
    const kept = distances.filter((d) => d <= 4 * typical);
    const used = kept.length > 0 ? kept : distances;
    return Math.max(quantile(used, 0.8) / 1.2816, quantile(used, 0.9) / 1.645);
}
