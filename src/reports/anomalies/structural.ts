import { AnomalyParams } from './anomalyParams';
import { inSeries } from './linkFlags';
import type { DailySeries } from './queryDailySeries';
import type { CellImpact } from './rootCauses';

/**
 * Whether an incident's top cause is a series starting or stopping rather than an event: most of what its finest
 * series moved the incident's way comes from those that began fewer than `minHistoryDays` before it (a new deployment,
 * a scope whose data begins: nothing to judge them by) or, for a drop, that have no cost from its first day to the
 * last charge day (retired).
 */
export function structural(
    cause: Record<string, string | null>,
    cells: DailySeries[],
    impacts: CellImpact[],
    at: { first: number; sign: number; p: AnomalyParams },
): boolean {
    const { first, sign, p } = at;
    let moved = 0;
    let startOrStop = 0;
    cells.forEach((cell, i) => {
        if (!inSeries(cause, cell.dimensions)) return;
        const move = Math.max(0, sign * (impacts[i]?.deviation ?? 0));
        const began = cell.effectiveCost.findIndex((cost) => Number(cost) !== 0);
        const young = began < 0 || began > first - p.minHistoryDays;
        const stopped = sign < 0 && cell.effectiveCost.slice(first).every((cost) => Number(cost) === 0);
        moved += move;
        if (young || stopped) startOrStop += move;
    });
    return moved > 0 && startOrStop * 2 >= moved;
}
