import { decimalSum } from '../../focus/decimalSum';
import { decimalText } from '../decimalText';
import { CellExpectation, cellExpectation } from './cellExpectation';
import type { AnomalyMetric } from './incident';
import type { DailySeries } from './queryDailySeries';
import type { CellImpact } from './rootCauses';

/** Cell expectations, computed once per cell and first day. */
export class Expectations {
    private readonly cache = new Map<string, CellExpectation>();

    /** `weekdays`: each day's weekday (0 = Sunday). */
    constructor(readonly weekdays: readonly number[]) {}

    of(cell: DailySeries, start: number): CellExpectation {
        const key = `${start}\u0000${cell.key}`;
        let found = this.cache.get(key);
        if (!found) {
            found = cellExpectation(cell, this.weekdays, start);
            this.cache.set(key, found);
        }
        return found;
    }

    /**
     * A cell's deviation on day `t` from what was expected before `start`, with its noise, in money: cost, or for cost
     * per 1M tokens the day's token cost minus its tokens at the expected price.
     */
    deviation(cell: DailySeries, metric: AnomalyMetric, start: number, t: number) {
        const e = this.of(cell, start);
        if (metric === 'EffectiveCost') {
            const weekday = this.weekdays[t] ?? 0;
            const expected = e.cost[weekday] ?? 0;
            return {
                actual: cell.effectiveCost[t] ?? '0',
                expected,
                noise: Math.max(expected * (e.costNoise[weekday] ?? 0), e.costFloor),
            };
        }
        const tokens = Number(cell.tokens[t] ?? 0);
        const expected = e.price === null ? Number(cell.tokenCost[t] ?? 0) : (tokens * e.price) / 1e6;
        return { actual: cell.tokenCost[t] ?? '0', expected, noise: expected * e.priceNoise };
    }
}

/**
 * How far an expectation itself may be off, as a share of it: a cell's cost level drifts (trend, a level set from a
 * week), its unit price hardly does.
 */
const EXPECTATION_ERROR: Record<AnomalyMetric, number> = { EffectiveCost: 0.05, EffectiveCostPerMillionTokens: 0.01 };

/** What each cell contributed to an incident of `metric` on days `first … last`. */
export function cellImpacts(
    cells: DailySeries[],
    expectations: Expectations,
    metric: AnomalyMetric,
    days: { first: number; last: number },
): CellImpact[] {
    return cells.map((cell) => {
        const parts: string[] = [];
        const perDay: CellImpact['days'] = [];
        let deviation = 0;
        let expected = 0;
        let noise = 0;
        for (let t = days.first; t <= days.last; t++) {
            const d = expectations.deviation(cell, metric, days.first, t);
            const text = decimalText(d.expected, 6);
            parts.push(d.actual, text.startsWith('-') ? text.slice(1) : `-${text}`);
            const move = Number(d.actual) - d.expected;
            deviation += move;
            expected += d.expected;
            noise += d.noise ** 2;
            perDay.push({ deviation: move, expected: d.expected, noise: d.noise });
        }
        const error = EXPECTATION_ERROR[metric] * expected;
        return {
            dimensions: cell.dimensions,
            impact: decimalSum(parts),
            deviation,
            expected,
            noise: Math.hypot(Math.sqrt(noise), error),
            days: perDay,
            errorShare: EXPECTATION_ERROR[metric],
        };
    });
}
