import { median } from '../robustStats';
import { inSeries } from './inSeries';
import type { DailySeries } from './queryDailySeries';
import type { CellImpact } from './rootCauses';

/** A finest series this young has not shown each weekday twice: nothing to judge its days by. */
const YOUNG_DAYS = 14;

/**
 * Whether an incident is a series starting or stopping rather than an event: at least half of what the finest series
 * of its top cause moved its way on `days` comes from finest series that began fewer than YOUNG_DAYS before it (a new
 * deployment), or from subscriptions' parts of them (`sources`) that start or stop at it (a scope or subscription whose
 * data begins or ends, net of one that takes over from another).
 */
export function structural(
    cause: Record<string, string | null>,
    finest: { cells: DailySeries[]; sources: DailySeries[] },
    impacts: CellImpact[],
    days: { first: number; last: number; sign: number; lag: number },
): boolean {
    let moved = 0;
    let startOrStop = 0;
    finest.cells.forEach((cell, i) => {
        if (!inSeries(cause, cell.dimensions)) return;
        const move = Math.max(0, days.sign * (impacts[i]?.deviation ?? 0));
        const began = cell.effectiveCost.findIndex((cost) => Number(cost) !== 0);
        const young = began < 0 || began > days.first - YOUNG_DAYS;
        const sources = finest.sources.filter((source) => inSeries(cell.dimensions, source.dimensions));
        const net = sources.reduce((sum, source) => sum + startedOrStopped(source, days), 0);
        moved += move;
        startOrStop += young ? move : Math.min(move, Math.max(0, days.sign * net));
    });
    return moved > 0 && startOrStop * 2 >= moved;
}

/**
 * What a source starting or stopping at an incident (within `lag` days before its first day, or on its days) adds to
 * its days' cost: all its cost when it starts, minus its usual cost on each of the days after it stopped for good; 0
 * otherwise.
 */
function startedOrStopped(source: DailySeries, days: { first: number; last: number; lag: number }): number {
    const { first, last, lag } = days;
    const costs = source.effectiveCost.map(Number);
    const began = costs.findIndex((cost) => cost !== 0);
    let ended = costs.length - 1;
    while (ended >= 0 && costs[ended] === 0) ended--;
    if (began >= first - lag && began <= last) return costs.slice(first, last + 1).reduce((a, b) => a + b, 0);
    if (ended >= first - lag - 1 && ended < last) {
        const before = costs.slice(Math.max(began, ended - 6), ended + 1);
        return -median(before) * (last - Math.max(first, ended + 1) + 1);
    }
    return 0;
}
