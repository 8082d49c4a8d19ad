import { AnomalyParams } from './anomalyParams';
import { cellImpacts, Expectations } from './cellImpacts';
import type { AnomalyMetric } from './incident';
import { inSeries } from './inSeries';
import type { DailySeries } from './queryDailySeries';
import { CellImpact, rootCauses } from './rootCauses';
import type { SeriesFlag } from './seriesFlags';

/** What an incident is told apart by: its flags, its days, whether it is a level shift, and the flags of its currency. */
export interface IncidentSpan {
    group: SeriesFlag[];
    first: number;
    last: number;
    levelShift: boolean;
    flags: SeriesFlag[];
}

/**
 * The metric an incident is of and its root causes among the finest series (`cells`) on its days. The root causes of a
 * level shift are sought on the days that made it one within `shiftDays` of its first day (the one its anomalies are
 * on): a shift that a sum shows clearly may be within a finest series' noise on one day, not over several. The days
 * after, which other changes and trends pull away from the expectation, are left out, and so are the weekdays a weekend
 * change left alone. Its impact counts every day of its month at the new level (`monthEnd`).
 */
export function incidentCauses(
    cells: DailySeries[],
    expectations: Expectations,
    span: IncidentSpan & { monthEnd: number },
    p: AnomalyParams,
) {
    const { group, first, levelShift } = span;
    const top = group.reduce((a, b) => (b.score > a.score ? b : a));
    const sign = top.direction === 'spike' ? 1 : -1;
    const made = group.flatMap((f) => (f.index === f.start && f.levelShift ? (f.days ?? []) : []));
    const spanned = made.map((d) => d.index).filter((index) => index < first + p.shiftDays);
    const days = { first, last: levelShift ? Math.max(first, ...spanned) : span.last };
    const impacts = (metric: AnomalyMetric) =>
        group.some((f) => f.metric === metric) ? cellImpacts(cells, expectations, metric, days) : undefined;
    const cost = impacts('EffectiveCost');
    const price = impacts('EffectiveCostPerMillionTokens');
    // A change of unit price explains the incident when it accounts for at least half of the cost that moved in the
    // series flagged (net of their noise, which elsewhere would add up over many cells to outweigh any price change).
    const inGroup = (cell: CellImpact) => group.some((f) => inSeries(f.series.dimensions, cell.dimensions));
    const moved = (list: typeof cost) =>
        Math.max(0, sign * (list?.filter(inGroup).reduce((sum, c) => sum + c.deviation, 0) ?? 0));
    const metric: AnomalyMetric =
        price && (!cost || moved(price) >= moved(cost) / 2) ? 'EffectiveCostPerMillionTokens' : 'EffectiveCost';
    const searched = (metric === 'EffectiveCost' ? cost : price) ?? [];
    // Its causes are sought among the finest series of the series flagged its way on its days: one outside them (whose
    // own earlier change its expectation has not caught up with yet) moved none of them.
    const flagged = span.flags.filter((f) => f.direction === top.direction && f.index >= first && f.index <= span.last);
    const seen = (cell: CellImpact) => flagged.some((f) => inSeries(f.series.dimensions, cell.dimensions));
    const counted = levelShift ? cellImpacts(cells, expectations, metric, { first, last: span.monthEnd }) : searched;
    return { days, metric, searched, found: rootCauses(searched, counted, { sign, seen }, p) };
}
