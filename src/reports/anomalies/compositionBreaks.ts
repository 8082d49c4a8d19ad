import { median } from '../robustStats';
import { inSeries } from './inSeries';
import type { DailySeries } from './queryDailySeries';

/** A finest series idle this many days in a row has stopped (and, when it takes up again, started anew). */
const IDLE_DAYS = 7;
/** A finest series that starts is weighed by its first this many days, so its start is known only after them. */
const START_DAYS = 3;

/** A day the make-up of a series changes, and the first day judged with that known (nothing later is looked at). */
export interface CompositionBreak {
    day: number;
    known: number;
}

/**
 * The days a series' make-up changes: one of its finest series (`cells`) starts, after the series began or after
 * `IDLE_DAYS` idle days, or stops, idle `IDLE_DAYS` days since; only those whose typical day (the median of their first
 * `START_DAYS` days, or their last `IDLE_DAYS` days) holds at least `minShare` of the series' cost on the same days.
 * The series steps on such a day by that finest series' cost while its noise stays as it was: a residual compared across
 * the step measures the step, and a weekend day's neighbours lie up to ten days away.
 */
export function compositionBreaks(series: DailySeries, cells: DailySeries[], minShare: number): CompositionBreak[] {
    const total = series.effectiveCost.map(Number);
    const began = total.findIndex((cost) => cost !== 0);
    const breaks: CompositionBreak[] = [];
    for (const cell of cells) {
        if (!inSeries(series.dimensions, cell.dimensions)) continue;
        const costs = cell.effectiveCost.map(Number);
        const material = (from: number, to: number) =>
            median(costs.slice(from, to).filter((cost) => cost !== 0)) >= minShare * median(total.slice(from, to));
        let active = false;
        let idle = 0;
        for (let t = 0; t < costs.length; t++) {
            if (costs[t] !== 0) {
                if (!active && t > began && material(t, t + START_DAYS)) breaks.push({ day: t, known: t + START_DAYS });
                active = true;
                idle = 0;
            } else if (active && ++idle === IDLE_DAYS) {
                active = false;
                const stop = t + 1 - IDLE_DAYS;
                if (material(stop - IDLE_DAYS, stop)) breaks.push({ day: stop, known: t + 1 });
            }
        }
    }
    return breaks.sort((a, b) => a.day - b.day);
}
