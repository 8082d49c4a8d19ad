import { cellImpacts, Expectations } from './cellImpacts';
import type { AnomalyMetric } from './incident';
import { inSeries } from './inSeries';
import type { DailySeries } from './queryDailySeries';
import { isWeekend } from './seasonalBaseline';

/** A change of `cause` (its way: `sign`) first flagged on day `first`, followed over at most `span` days. */
export interface Change {
    metric: AnomalyMetric;
    cause: Record<string, string | null>;
    first: number;
    sign: number;
    span: number;
}

/**
 * A change is followed in the cause's cells that moved its way by more than twice their noise on its first day (all of
 * them when none did), by their rate: move ÷ expected cost, on a log scale (a drop of 90 % weighs as a rise of ×10), so
 * a weekend's smaller cost is no return; days they were expected idle are skipped. A day carries the change when its
 * rate is at least half the first day's, or when it lies within twice the cells' noise of the level the first day's
 * rate set (a noisy day between the two levels ends nothing).
 */
function follow(cells: DailySeries[], expectations: Expectations, change: Change) {
    const { metric, cause, first, sign } = change;
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
    /** Whether day t carries the change, and how far it moved its way in units of noise; undefined on an idle day. */
    return (t: number) => {
        const d = day(members, t);
        if (d.expected <= 0) return undefined;
        const carried = logRate(d) >= logRate(start) / 2 || sign * (rate * d.expected - d.deviation) <= 2 * d.noise;
        // As a root cause is scored: its log rate in units of its relative noise.
        const score = sign * d.deviation > 0 ? logRate(d) / Math.log1p(Math.max(d.noise / d.expected, 1e-9)) : 0;
        return { carried, score };
    };
}

/**
 * The first day of a change that its flagged series told from their noise only on day `first`: the days before it,
 * back from the day before, while each carried the change and moved at least `bar` times the cells' noise (the bar a
 * root cause is held to), at most `span` days: a spike of one cost center, small in its model's sum, that the model's
 * series saw only on its second day, or a lasting change that a sum saw days after the series that changed.
 */
export function changeStart(cells: DailySeries[], expectations: Expectations, change: Change, bar: number): number {
    const carries = follow(cells, expectations, change);
    let start = change.first;
    for (let t = change.first - 1; carries && t >= Math.max(0, change.first - change.span); t--) {
        const day = carries(t);
        if (day === undefined) continue;
        if (!day.carried || day.score < bar) break;
        start = t;
    }
    return start;
}

/**
 * The last day of a change that began on day `first` and went back within `span` days its cells work of the type
 * (weekday or weekend) of its first day, or undefined when it lasted them (or the data ends first: it cannot be told
 * from a lasting change yet). A day of the other type neither ends it nor makes it last: a weekday service that triples
 * leaves the weekend alone, as judgeSeries lets a change do, and a drop from Thursday to Saturday that carried on into
 * Sunday still went back on Monday.
 */
export function changeEnd(cells: DailySeries[], expectations: Expectations, change: Change): number | undefined {
    const carries = follow(cells, expectations, change);
    if (!carries) return undefined;
    const { weekdays } = expectations;
    const sameType = (t: number) => isWeekend(weekdays[t]) === isWeekend(weekdays[change.first]);
    let [last, working] = [change.first, 0];
    for (let t = change.first; t < weekdays.length && working < change.span; t++) {
        const day = carries(t);
        if (day === undefined) continue;
        if (!sameType(t)) {
            if (day.carried) last = t;
            continue;
        }
        if (!day.carried) return last;
        [last, working] = [t, working + 1];
    }
    return undefined;
}

/**
 * Whether the finest series of `cause` moved its way on day `t` by at least `bar` times their noise, from what was
 * expected before it.
 */
export function movedOn(
    cells: DailySeries[],
    expectations: Expectations,
    change: Omit<Change, 'span'>,
    t: number,
    bar = 1,
) {
    const members = cells.filter((cell) => inSeries(change.cause, cell.dimensions));
    const held = cellImpacts(members, expectations, change.metric, { first: t, last: t });
    return change.sign * held.reduce((sum, c) => sum + c.deviation, 0) >= bar * Math.hypot(...held.map((c) => c.noise));
}

/**
 * The first day, from `first` to `last`, that the cause of a change moved on by at least twice its noise (as a finest
 * series must to count under a flag, linkFlags): a sum that another series' noise pushed past its bar the day before
 * its cause moved flags the change a day early, and a cause's own noise that day is no start.
 */
export function firstMoved(
    cells: DailySeries[],
    expectations: Expectations,
    change: Omit<Change, 'span'>,
    last: number,
): number {
    for (let t = change.first; t <= last; t++) if (movedOn(cells, expectations, change, t, 2)) return t;
    return change.first;
}
