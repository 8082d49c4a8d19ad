import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { summarize, validateFocus } from './validation';
import { PartValidation } from './validation/mergeSummaries';

export type ValidationMode = 'off' | 'sample' | 'full';

/** The relation validatePart and validateFocusColumns check. */
export const VALIDATION_ROWS = 'hub_validation_rows';

/**
 * Checks a written FOCUS Parquet file against the FOCUS 1.2 rule model: all rows (`full`) or a fixed-size random
 * sample (`sample`), on the connection that wrote it.
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

/** Makes the rows to check (all, or a repeatable sample) available as `hub_validation_rows`. */
export async function loadValidationRows(
    connection: DuckDBConnection,
    parquetPath: string,
    mode: Exclude<ValidationMode, 'off'>,
    sampleRows: number,
): Promise<void> {
    const source = `select * from read_parquet(${quotedString(parquetPath)})`;
    if (!Number.isInteger(sampleRows) || sampleRows < 1) throw new Error(`sampleRows must be ≥ 1, got ${sampleRows}`);
    await connection.run(
        mode === 'full'
            ? `create or replace temp view ${VALIDATION_ROWS} as ${source}`
            : `create or replace temp table ${VALIDATION_ROWS} as ${source} using sample reservoir(${sampleRows} rows) repeatable (42)`,
    );
}
