import type { DailySeries } from '../../src/reports/anomalies/queryDailySeries';

const GPT_4O_INPUT = { x_ModelId: 'gpt-4o', x_TokenDirection: 'Input', x_DeploymentType: 'Global' };

/**
 * A daily series of `grain` cut by `dimensions` (gpt-4o input by default): one cost a day from 2026-01-01 (a
 * Thursday), no counted tokens.
 */
export function dailySeries(
    grain: DailySeries['grain'],
    costs: number[],
    dimensions: Record<string, string | null> = GPT_4O_INPUT,
): DailySeries {
    return {
        currency: 'USD',
        grain,
        dimensions,
        key: JSON.stringify(dimensions),
        dates: costs.map((_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)),
        effectiveCost: costs.map((cost) => cost.toFixed(6)),
        tokenCost: costs.map(() => null),
        tokens: costs.map(() => null),
        costPerMillion: costs.map(() => null),
    };
}
