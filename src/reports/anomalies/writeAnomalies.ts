import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import { writeDatasetParquet } from '../writeDatasetParquet';
import type { Anomaly } from './detectAnomalies';

/** The Anomalies dataset step (`sql/anomalies_dataset.sql`): rows from bound JSON $anomalies, $scope, $source_run_id. */
export function anomaliesDatasetSql(): string {
    return loadSql('anomalies_dataset', __dirname);
}

/** Writes anomalies as an Anomalies dataset file (columns in README "Dataset Anomalies"); returns the row count. */
export function writeAnomalies(
    connection: DuckDBConnection,
    anomalies: Anomaly[],
    source: { scope: string; runId: string },
    outPath: string,
): Promise<number> {
    return writeDatasetParquet(
        connection,
        anomaliesDatasetSql(),
        { anomalies: JSON.stringify(anomalies), scope: source.scope, source_run_id: source.runId },
        outPath,
    );
}
