import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBConnection } from '@duckdb/node-api';

import { withDuckDb } from '../../src/adapters/duckdb';

/** Runs `work` on a fresh in-memory DuckDB connection (UTC) with a temp folder, both removed afterwards. */
export async function withConnection<T>(work: (connection: DuckDBConnection, dir: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
    try {
        return await withDuckDb(
            { memoryLimit: '512MB', threads: 1, tempDirectory: dir, maxTempDirectorySize: '200MB' },
            (connection) => work(connection, dir),
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** All rows of a query as JSON-friendly objects (DECIMAL and BIGINT as strings). */
export async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
