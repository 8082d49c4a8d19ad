import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { type ExportColumn, exportColumns, type FocusCostVersion } from '../focus/datasets/costs/exportColumns';
import type { ExportFormat } from './exportOptions';
import { RUN_VALUE_TYPES, type RunValues } from './sampleGenerator';

const BOM = '\uFEFF';

/** Parquet exports carry x_BillingExchangeRate as text although the schema says Decimal (seen in real 1.0 files). */
const PARQUET_TEXT_COLUMNS = new Set(['x_BillingExchangeRate']);

/**
 * Writes rows `[rowStart, rowEnd)` of a run to one part file, generated and written inside DuckDB. CSV parts have a
 * header, CRLF line ends and a UTF-8 BOM (the first header name carries it), decimals without trailing zeros, dates
 * in the version's text format and `True`/`False`; Parquet parts keep the types (DECIMAL(38,18), TIMESTAMP, BOOLEAN).
 */
export async function writePart(
    connection: DuckDBConnection,
    part: { path: string; rowStart: number; rowEnd: number },
    run: { version: FocusCostVersion; format: ExportFormat; values: RunValues },
): Promise<void> {
    const csv = run.format.fileFormat === 'Csv';
    const columns = exportColumns(run.version)
        .map((column, index) => {
            const expression = csv ? csvText(column, run.version) : parquetValue(column);
            return `${expression} as ${quotedIdentifier(csv && index === 0 ? BOM + column.name : column.name)}`;
        })
        .join(', ');
    const options = csv
        ? `format csv, header true, delimiter ',', quote '"', new_line '\\r\\n', compression ${run.format.compressionMode === 'Gzip' ? 'gzip' : 'none'}`
        : 'format parquet, compression snappy';
    const rows =
        'sample_rows($seed, $row_start, $row_end, $month_start, $days, $subscription_id, $billing_account_id, ' +
        '$billing_account_name)';
    await connection.run(
        `copy (select ${columns} from ${rows}) to ${quotedString(part.path)} (${options})`,
        { ...run.values, row_start: part.rowStart, row_end: part.rowEnd },
        RUN_VALUE_TYPES,
    );
}

function csvText(column: ExportColumn, version: FocusCostVersion): string {
    const name = quotedIdentifier(column.name);
    switch (column.type) {
        case 'Decimal':
            return `sample_decimal_text(${name})`;
        case 'DateTimeOffset':
            return version === '1.0' ? `sample_minutes_text(${name})` : `sample_seconds_text(${name})`;
        case 'Boolean':
            return `sample_boolean_text(${name})`;
        case 'String':
            return name;
    }
}

function parquetValue(column: ExportColumn): string {
    const name = quotedIdentifier(column.name);
    return PARQUET_TEXT_COLUMNS.has(column.name) ? `sample_decimal_text(${name})` : name;
}
