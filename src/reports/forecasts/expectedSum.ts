import { ForecastParams } from './forecastParams';

/**
 * Expected total of the days after `values[end - 1]` whose weekdays are `futureWeekdays`, from the days before `end`
 * only: a recency-weighted mean daily rate (weekday-adjusted) times the future days' weekday factors. Means, not
 * medians: a forecast of a sum must carry the bursts a median would ignore.
 */
export function expectedSum(
    values: readonly number[],
    weekdays: readonly number[],
    end: number,
    futureWeekdays: readonly number[],
    p: ForecastParams,
): number {
    const start = Math.max(0, end - p.windowDays);
    const sums = Array.from({ length: 7 }, () => 0);
    const counts = Array.from({ length: 7 }, () => 0);
    for (let i = start; i < end; i++) {
        const w = weekdays[i] ?? 0;
        sums[w] = (sums[w] ?? 0) + (values[i] ?? 0);
        counts[w] = (counts[w] ?? 0) + 1;
    }
    const days = end - start;
    const mean = sums.reduce((a, b) => a + b, 0) / Math.max(days, 1);
    if (days === 0 || mean <= 0) return 0;
    const factors = sums.map((sum, w) => ((counts[w] ?? 0) > 0 ? sum / (counts[w] ?? 1) / mean : 1));
    const adjusted: [number, number][] = [];
    for (let i = start; i < end; i++) {
        const factor = factors[weekdays[i] ?? 0] ?? 1;
        if (factor > 0) adjusted.push([i, (values[i] ?? 0) / factor]);
    }
    let weighted = 0;
    let weights = 0;
    for (const [i, a] of adjusted) {
        const weight = 0.5 ** ((end - 1 - i) / p.halfLifeDays);
        weighted += weight * a;
        weights += weight;
    }
    const rate = weights > 0 ? weighted / weights : 0;
    return futureWeekdays.reduce((total, w) => total + rate * (factors[w] ?? 1), 0);
}
