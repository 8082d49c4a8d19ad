import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import { writeDatasetParquet } from '../writeDatasetParquet';
import type { AnomalyFindings } from './incident';

/** The Anomalies dataset step (`sql/anomalies_dataset.sql`): rows from bound JSON $anomalies, $incidents, $scope, $source_run_id. */
export function anomaliesDatasetSql(): string {
    return loadSql('anomalies_dataset', __dirname);
}

/**
 * Writes incidents and their days as an Anomalies dataset file (docs/insights.md "Dataset `Anomalies`"); returns the
 * row count.
 */
export function writeAnomalies(
    connection: DuckDBConnection,
    findings: AnomalyFindings,
    source: { scope: string; runId: string },
    outPath: string,
): Promise<number> {
    return writeDatasetParquet(
        connection,
        anomaliesDatasetSql(),
        {
            anomalies: JSON.stringify(findings.anomalies),
            incidents: JSON.stringify(findings.incidents),
            scope: source.scope,
            source_run_id: source.runId,
        },
        outPath,
    );
}
