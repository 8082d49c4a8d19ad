import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { withDuckDb } from '../adapters/duckdb';
import { createFolderStore } from '../adapters/folderStore';
import { readCliConfig } from '../config';
import type { ObjectStore } from '../pipeline/ports';

/**
 * Runs `work` over a local folder laid out like the ingestion container: a folder store over it, a DuckDB session and
 * a scratch folder for the downloaded files, both removed afterwards.
 */
export async function withIngestion<T>(
    ingestionDir: string,
    work: (store: ObjectStore, connection: DuckDBConnection, scratchDir: string) => Promise<T>,
): Promise<T> {
    const settings = readCliConfig().duckdb;
    const scratch = mkdtempSync(join(settings.tempDirectory, 'finops-hub-report-'));
    try {
        const store = createFolderStore(resolve(ingestionDir));
        return await withDuckDb(settings, (connection) => work(store, connection, scratch));
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}
