import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import type { DailySeries } from '../anomalies/queryDailySeries';

interface Row {
    dimensions: string;
    dates: string[];
    effective_cost: string[];
    token_cost: (string | null)[];
    tokens: (string | null)[];
    cost_per_million: (string | null)[];
}

/**
 * The daily series per model × token direction × deployment type in `currency` of view `ai_unit_economics`, from
 * `from` to the last charge day on or before `through`: the detector's `level` series cut by x_ModelId, read on their
 * own (one row per series) rather than filtered out of every series the detector builds.
 */
export async function queryCostPerMillion(
    connection: DuckDBConnection,
    range: { currency: string; from: string; through: string },
): Promise<DailySeries[]> {
    const { currency, from, through } = range;
    const reader = await connection.runAndReadAll(loadSql('report_cost_per_million', __dirname), {
        currency,
        from,
        through,
    });
    return (reader.getRowObjectsJson() as unknown as Row[]).map((row) => ({
        currency,
        grain: 'level',
        dimensions: JSON.parse(row.dimensions) as Record<string, string | null>,
        key: row.dimensions,
        dates: row.dates,
        effectiveCost: row.effective_cost,
        tokenCost: row.token_cost,
        tokens: row.tokens,
        costPerMillion: row.cost_per_million,
    }));
}
