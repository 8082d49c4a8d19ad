import type { Expectations } from './cellImpacts';
import type { AnomalyMetric } from './incident';
import { inSeries } from './linkFlags';
import type { DailySeries } from './queryDailySeries';

/**
 * The last day of a change of `cause` that began on day `first` and went back within `span` days it works, or
 * undefined when it lasted them (or the data ends first: it cannot be told from a lasting change yet). It is followed in
 * the cause's cells that moved its way (`sign`) by more than twice their noise on its first day (all of them when none
 * did), by their rate (move ÷ expected cost, so a weekend's smaller cost is no return); days they were expected idle
 * are skipped. A day ends it when its rate lost more than half of the first day's (on a log scale, so a drop of 90 %
 * weighs as a rise of ×10) and it lies beyond twice the cells' noise from the level the first day's rate set: a noisy
 * day between the two levels ends nothing.
 */
export function changeEnd(
    cells: DailySeries[],
    expectations: Expectations,
    change: { metric: AnomalyMetric; cause: Record<string, string | null>; first: number; sign: number; span: number },
): number | undefined {
    const { metric, cause, first, sign, span } = change;
    const day = (members: DailySeries[], t: number) => {
        let [deviation, expected, noise2] = [0, 0, 0];
        for (const cell of members) {
            const d = expectations.deviation(cell, metric, first, t);
            deviation += Number(d.actual) - d.expected;
            expected += d.expected;
            noise2 += d.noise ** 2;
        }
        return { deviation, expected, noise: Math.sqrt(noise2) };
    };
    const all = cells.filter((cell) => inSeries(cause, cell.dimensions));
    const moved = all.filter((cell) => {
        const d = day([cell], first);
        return sign * d.deviation > 2 * d.noise;
    });
    const members = moved.length > 0 ? moved : all;
    const logRate = (d: { deviation: number; expected: number }) =>
        Math.abs(Math.log(Math.max(1 + d.deviation / d.expected, 0.01)));
    const start = day(members, first);
    if (start.expected <= 0 || sign * start.deviation <= 0) return undefined;
    const rate = start.deviation / start.expected;
    const days = members[0]?.dates.length ?? 0;
    let [last, working] = [first, 0];
    for (let t = first; t < days && working < span; t++) {
        const d = day(members, t);
        if (d.expected <= 0) continue;
        if (logRate(d) < logRate(start) / 2 && sign * (rate * d.expected - d.deviation) > 2 * d.noise) return last;
        [last, working] = [t, working + 1];
    }
    return undefined;
}
