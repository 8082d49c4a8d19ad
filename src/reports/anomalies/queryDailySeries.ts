import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';

/** One daily series of `sql/ai_daily_series.sql`: a value per day from its first day to the last charge day. */
export interface DailySeries {
    currency: string | null;
    /**
     * `level`: a series the detector judges; `cell`: a finest series (model × direction × deployment × tags);
     * `source`: a cell's part from one subscription, when that part starts or stops within the days read.
     */
    grain: 'level' | 'cell' | 'source';
    /** Costs columns the series is cut by, in a fixed order (`{}` for the overall series). */
    dimensions: Record<string, string | null>;
    /** Exactly as `dimensions`, serialised: a stable key. */
    key: string;
    /** `YYYY-MM-DD`, consecutive. */
    dates: string[];
    /** Σ EffectiveCost per day, exact decimal text (`0` on a day without rows). */
    effectiveCost: string[];
    /** Σ EffectiveCost of the rows with counted tokens, and Σ their tokens, per day (null on a day without any). */
    tokenCost: (string | null)[];
    tokens: (string | null)[];
    /** Effective cost per 1M tokens per day (6 decimals), null on a day without counted tokens. */
    costPerMillion: (string | null)[];
}

/** A row of a daily-series query: one series, its days as lists. */
export interface SeriesRow {
    currency: string | null;
    grain: DailySeries['grain'];
    dimensions: string;
    dates: string[];
    effective_cost: string[];
    token_cost: (string | null)[];
    tokens: (string | null)[];
    cost_per_million: (string | null)[];
}

/** The series of a row of a daily-series query. */
export function seriesOf(row: SeriesRow): DailySeries {
    return {
        currency: row.currency,
        grain: row.grain,
        dimensions: JSON.parse(row.dimensions) as Record<string, string | null>,
        key: row.dimensions,
        dates: row.dates,
        effectiveCost: row.effective_cost,
        tokenCost: row.token_cost,
        tokens: row.tokens,
        costPerMillion: row.cost_per_million,
    };
}

/** The daily series of view `ai_unit_economics` from `from` to the last charge day on or before `through`. */
export async function queryDailySeries(
    connection: DuckDBConnection,
    range: { from: string; through: string },
): Promise<DailySeries[]> {
    const { from, through } = range;
    const reader = await connection.runAndReadAll(loadSql('ai_daily_series', __dirname), { from, through });
    return (reader.getRowObjectsJson() as unknown as SeriesRow[]).map(seriesOf);
}
