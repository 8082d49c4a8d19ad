import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../pipeline/ports';
import { INSIGHTS_DATASETS } from '../insightsLayout';
import { createParquetView } from '../published/createParquetView';
import { readPublished } from '../published/readPublished';
import { anomalyKey } from './anomalyKey';

/** Keys (anomalyKey) of the anomalies already published for a scope and month; empty when none were. */
export async function previousAnomalies(
    connection: DuckDBConnection,
    store: ObjectStore,
    where: { scope: string; month: string },
    scratchDir: string,
): Promise<Set<string>> {
    const dataset = INSIGHTS_DATASETS.anomalies;
    const { files } = await readPublished(store, dataset, { scope: where.scope, months: [where.month] }, scratchDir);
    if (files.length === 0) return new Set();
    await createParquetView(
        connection,
        'published_anomalies',
        files.map((file) => file.path),
    );
    const reader = await connection.runAndReadAll(loadSql('previous_anomalies', __dirname));
    const rows = reader.getRowObjectsJson() as { date: string; metric: string; dimensions: string }[];
    return new Set(rows.map((row) => anomalyKey(row.date, row.metric, row.dimensions)));
}
