import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import { type DailySeries, seriesOf, type SeriesRow } from '../anomalies/queryDailySeries';

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
    const rows = reader.getRowObjectsJson() as unknown as Omit<SeriesRow, 'currency' | 'grain'>[];
    return rows.map((row) => seriesOf({ ...row, currency, grain: 'level' }));
}
