import type { DuckDBConnection } from '@duckdb/node-api';

import { ANOMALY_PARAMS, AnomalyParams } from './anomalyParams';
import { findIncidents } from './findIncidents';
import type { AnomalyAnalysis } from './incident';
import { queryDailySeries } from './queryDailySeries';

/**
 * The incidents of view `ai_unit_economics` with an anomaly on a day from `judgeFrom` to `through`, each day judged
 * against the history from `from`, and the series judged.
 */
export async function detectIncidents(
    connection: DuckDBConnection,
    range: { from: string; through: string; judgeFrom: string },
    params: AnomalyParams = ANOMALY_PARAMS,
): Promise<AnomalyAnalysis> {
    const series = await queryDailySeries(connection, range);
    return { ...findIncidents(series, range.judgeFrom, params), judged: series.filter((s) => s.grain === 'level') };
}
