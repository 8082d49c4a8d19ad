import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { InputError } from '../errors';
import { classifyReadError } from './classifyDuckDbError';
import type { PartInput } from './datasets/hubDataset';

/**
 * The column names exactly as the part's header (CSV) or schema (Parquet) writes them. DuckDB's readers rename a
 * second `billedcost` beside `BilledCost` to `billedcost_1`, which would silently drop one of them; this reads the
 * names before any renaming. The CSV is read on one thread: a parallel scan of a plain CSV may return any row first.
 */
export async function partHeader(connection: DuckDBConnection, input: PartInput): Promise<string[]> {
    if (input.format === 'json') {
        throw new InputError(
            'UnsupportedFileType',
            `Part ${input.name} is JSON; Cost Management exports are CSV (.csv, .csv.gz) or Parquet (.parquet).`,
        );
    }
    const path = quotedString(input.path);
    const sql =
        input.format === 'parquet'
            ? `select name from parquet_schema(${path}) where num_children is null`
            : `select * from read_csv(${path}, header = false, all_varchar = true, delim = ',', quote = '"', escape = '"', sample_size = 1, parallel = false) limit 1`;
    try {
        const rows = (await connection.runAndReadAll(sql)).getRows();
        const names = input.format === 'parquet' ? rows.map(([name]) => name) : (rows[0] ?? []);
        return names.map((name) => String(name ?? '').replace(/^\uFEFF/, ''));
    } catch (error) {
        throw classifyReadError(error, input.name);
    }
}

/** Fails with `SchemaMismatch` when two columns share a name once case is ignored (`BilledCost`, `billedcost`). */
export function assertUniqueColumns(names: readonly string[], partName: string): void {
    const seen = new Map<string, string>();
    for (const name of names) {
        const first = seen.get(name.toLowerCase());
        if (first !== undefined) {
            throw new InputError(
                'SchemaMismatch',
                `Part ${partName} has columns "${first}" and "${name}", the same name but for case; the hub cannot tell which holds the data. Re-run the export, or fix the file's header.`,
            );
        }
        seen.set(name.toLowerCase(), name);
    }
}
