import { decimalSum } from '../focus/decimalSum';
import { CostTotals, PartRecord } from './ports';

/** The run's totals from its parts' (a run without parts has zero rows and costs). */
export function sumTotals(parts: PartRecord[]): CostTotals {
    const totals = parts.flatMap((p) => (p.totals ? [p.totals] : []));
    return {
        rows: totals.reduce((sum, t) => sum + t.rows, 0),
        billedCost: decimalSum(totals.map((t) => t.billedCost)),
        effectiveCost: decimalSum(totals.map((t) => t.effectiveCost)),
    };
}
