import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface DuckDbSettings {
    /** DuckDB `memory_limit`, e.g. `1GB`. */
    memoryLimit: string;
    /** Worker threads. */
    threads: number;
    /** Parent folder for this connection's spill files; a fresh sub-folder is made and removed on close. */
    tempDirectory: string;
    /** DuckDB `max_temp_directory_size`, e.g. `500MB`. */
    maxTempDirectorySize: string;
}

export interface DuckDbSession {
    connection: DuckDBConnection;
    close(): void;
}

/**
 * Creates an in-memory DuckDB with bounded memory, threads and spill space (a fresh folder under `tempDirectory`), and
 * no extension downloads. `close` ends the instance and removes its spill folder, even when the instance no longer
 * closes cleanly.
 */
export async function createDuckDbInstance(
    settings: DuckDbSettings,
): Promise<{ instance: DuckDBInstance; close(): void }> {
    const spill = mkdtempSync(join(settings.tempDirectory, 'duckdb-'));
    const instance = await DuckDBInstance.create(':memory:', {
        memory_limit: settings.memoryLimit,
        threads: String(settings.threads),
        temp_directory: spill,
        max_temp_directory_size: settings.maxTempDirectorySize,
        preserve_insertion_order: 'false',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
    });
    return {
        instance,
        close() {
            try {
                instance.closeSync();
            } finally {
                rmSync(spill, { recursive: true, force: true });
            }
        },
    };
}

/**
 * Opens an in-memory DuckDB (see createDuckDbInstance) with one connection in UTC. The caller owns the session and
 * must close it; closing removes the spill folder.
 */
export async function openDuckDb(settings: DuckDbSettings): Promise<DuckDbSession> {
    const created = await createDuckDbInstance(settings);
    const connection = await created.instance.connect();
    await connection.run("set TimeZone = 'UTC'");
    return {
        connection,
        close() {
            connection.closeSync();
            created.close();
        },
    };
}

/** Runs `work` on a fresh session and always closes it. */
export async function withDuckDb<T>(
    settings: DuckDbSettings,
    work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
    const session = await openDuckDb(settings);
    try {
        return await work(session.connection);
    } finally {
        session.close();
    }
}
