import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Runs `work` with a fresh in-memory DuckDB (two threads, insertion order off as in the hub) and a temp folder. */
export async function withSampleDb<T>(work: (connection: DuckDBConnection, folder: string) => Promise<T>): Promise<T> {
    const folder = mkdtempSync(join(tmpdir(), 'sample-export-'));
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', preserve_insertion_order: 'false' });
    const connection = await instance.connect();
    try {
        return await work(connection, folder);
    } finally {
        connection.closeSync();
        instance.closeSync();
        rmSync(folder, { recursive: true, force: true });
    }
}
