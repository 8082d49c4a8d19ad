import { quotedString } from '@duckdb/node-api';

import { DuckDbSettings, openDuckDb } from '../src/adapters/duckdb';
import { transformCosts } from '../src/focus/datasets/costs/transformCosts';
import type { Totals } from '../src/focus/totals';
import type { BenchInput } from './benchInput';
import { measureReconciliation } from './measureReconciliation';

/**
 * What runs inside one measured process: the hub's transform, DuckDB's bare copy of the same file, or reconciliation's
 * own steps (measureReconciliation).
 */
export type DuckDbContender = 'hub' | 'floor' | 'reconcile';

/** One measured piece of work. */
export interface BenchJob {
    contender: DuckDbContender;
    input: BenchInput;
    /** Parquet file to write. */
    outputPath: string;
    duckdb: DuckDbSettings;
    /** Overrides the hub's `preserve_insertion_order = false` (settings sweep). */
    preserveInsertionOrder?: boolean;
}

/**
 * Runs one job on a fresh DuckDB session opened as the function opens it. The hub contender is `transformCosts` itself
 * (FOCUS 1.2, AI token columns, zstd Parquet); the floor copies the file to zstd Parquet with DuckDB's own type detection
 * and no conversion. Returns the rows written; the hub also returns its exact cost totals.
 */
export async function runContender(
    job: BenchJob,
): Promise<Totals | { rows: number; staged?: boolean; cpu?: Record<string, number> }> {
    const session = await openDuckDb(job.duckdb);
    try {
        const { connection } = session;
        if (job.preserveInsertionOrder !== undefined) {
            await connection.run(`set preserve_insertion_order = ${job.preserveInsertionOrder ? 'true' : 'false'}`);
        }
        const { input, outputPath } = job;
        if (job.contender === 'reconcile') return await measureReconciliation(connection, input, outputPath);
        if (job.contender === 'hub') {
            return await transformCosts(
                connection,
                { path: input.path, format: input.format, dataVersion: input.dataVersion, name: 'bench' },
                outputPath,
            );
        }
        // DuckDB as a user would call it: types auto-detected from the file
        const source =
            input.format === 'csv'
                ? `read_csv(${quotedString(input.path)})`
                : `read_parquet(${quotedString(input.path)})`;
        await connection.run(
            `copy (select * from ${source}) to ${quotedString(outputPath)} (format parquet, compression zstd)`,
        );
        const reader = await connection.runAndReadAll(
            `select count(*)::bigint from read_parquet(${quotedString(outputPath)})`,
        );
        return { rows: Number(reader.getRows()[0]?.[0]) };
    } finally {
        session.close();
    }
}
