import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { summarize, validateFocus } from './validation';
import { PartValidation } from './validation/mergeSummaries';

export type ValidationMode = 'off' | 'sample' | 'full';

/** The relation validatePart and validateFocusColumns check. */
export const VALIDATION_ROWS = 'hub_validation_rows';

/** Seed of the sample: the same part always gives the same rows. */
const SAMPLE_SEED = 42;

/**
 * Checks a written FOCUS Parquet file against the FOCUS 1.2 rule model, on the connection that wrote it: every row
 * (`full`), or (`sample`) a Bernoulli sample in which each row is kept with probability sampleRows ÷ rows, chosen by
 * a seeded hash of its row number, so the sample is the same on every run and thread count and about sampleRows
 * rows large (every row of a smaller part). The hash filter is pushed into the Parquet scan, so only the kept rows
 * are assembled; the cost is one decoding pass over the file.
 */
export async function validatePart(
    connection: DuckDBConnection,
    parquetPath: string,
    mode: Exclude<ValidationMode, 'off'>,
    sampleRows: number,
): Promise<PartValidation> {
    await loadValidationRows(connection, parquetPath, mode, sampleRows);
    const report = await validateFocus(connection, VALIDATION_ROWS, { sampleRows: 1 });
    return { rowsChecked: report.rowCount, ...summarize(report) };
}

/** Makes the rows to check (all, or the seeded sample described above) available as `hub_validation_rows`. */
export async function loadValidationRows(
    connection: DuckDBConnection,
    parquetPath: string,
    mode: Exclude<ValidationMode, 'off'>,
    sampleRows: number,
): Promise<void> {
    if (!Number.isInteger(sampleRows) || sampleRows < 1) throw new Error(`sampleRows must be ≥ 1, got ${sampleRows}`);
    const file = `read_parquet(${quotedString(parquetPath)})`;
    let rows = file;
    if (mode === 'sample') {
        const count = await fileRows(connection, parquetPath);
        const keep =
            count <= sampleRows ? '' : `where hash(file_row_number, ${SAMPLE_SEED}) % ${count} < ${sampleRows}`;
        await connection.run(`create or replace temp table hub_validation_sample as select * from ${file} ${keep}`);
        rows = 'hub_validation_sample';
    }
    await connection.run(`create or replace temp view ${VALIDATION_ROWS} as select * from ${rows}`);
}

async function fileRows(connection: DuckDBConnection, parquetPath: string): Promise<number> {
    const reader = await connection.runAndReadAll(
        `select num_rows from parquet_file_metadata(${quotedString(parquetPath)})`,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
}
