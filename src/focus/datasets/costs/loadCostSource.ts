import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../loadAsset';

/** Where a part's cost rows come from: the export type and dataVersion of its manifest. */
export interface CostSource {
    /** `FocusCost`, or the legacy export type a converter reads. */
    type: string;
    version: string;
}

/**
 * Loads the one-row temp table `hub_cost_source` that fills x_SourceName, x_SourceProvider, x_SourceType,
 * x_SourceVersion and x_IngestionTime (the time the part is converted) on every row of the part.
 */
export async function loadCostSource(connection: DuckDBConnection, source: CostSource): Promise<void> {
    await connection.run(loadSql('cost_source', __dirname), {
        name: 'Cost Management',
        provider: 'Microsoft',
        type: source.type,
        version: source.version,
        ingestion_time: new Date().toISOString(),
    });
}
