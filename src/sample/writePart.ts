import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import type { SchemaColumn } from '../focus/datasets/exportMap';
import type { ExportFormat } from './exportOptions';
import type { SampleExport } from './sampleExports';
import { RUN_VALUE_TYPES, type RunValues } from './sampleGenerator';

const BOM = '\uFEFF';

/** Parquet exports carry x_BillingExchangeRate as text although the schema says Decimal (seen in real 1.0 files). */
const PARQUET_TEXT_COLUMNS = new Set(['x_BillingExchangeRate']);

/**
 * Writes rows `[rowStart, rowEnd)` of a run to one part file, generated and written inside DuckDB by the type's row
 * macro. CSV parts have a header, CRLF line ends and a UTF-8 BOM (the first header name carries it), decimals without
 * trailing zeros, dates in the version's text format (minutes only for FocusCost 1.0) and `True`/`False`; Parquet
 * parts keep the types (DECIMAL(38,18), TIMESTAMP, BOOLEAN).
 */
export async function writePart(
    connection: DuckDBConnection,
    part: { path: string; rowStart: number; rowEnd: number },
    run: {
        sample: SampleExport;
        columns: readonly SchemaColumn[];
        minuteDates: boolean;
        format: ExportFormat;
        values: RunValues;
    },
): Promise<void> {
    const csv = run.format.fileFormat === 'Csv';
    const columns = run.columns
        .map((column, index) => {
            const expression = csv ? csvText(column, run.minuteDates) : parquetValue(column);
            return `${expression} as ${quotedIdentifier(csv && index === 0 ? BOM + column.name : column.name)}`;
        })
        .join(', ');
    const options = csv
        ? `format csv, header true, delimiter ',', quote '"', new_line '\\r\\n', compression ${run.format.compressionMode === 'Gzip' ? 'gzip' : 'none'}`
        : 'format parquet, compression snappy';
    const values: Record<string, unknown> = { ...run.values, row_start: part.rowStart, row_end: part.rowEnd };
    const bound = Object.fromEntries(run.sample.arguments.map((name) => [name, values[name]]));
    const types = Object.fromEntries(run.sample.arguments.map((name) => [name, RUN_VALUE_TYPES[name]]));
    const rows = `${run.sample.macro}(${run.sample.arguments.map((name) => `$${name}`).join(', ')})`;
    await connection.run(
        `copy (select ${columns} from ${rows}) to ${quotedString(part.path)} (${options})`,
        bound as Record<string, string>,
        types,
    );
}

function csvText(column: SchemaColumn, minuteDates: boolean): string {
    const name = quotedIdentifier(column.name);
    switch (column.type) {
        case 'Decimal':
            return `sample_decimal_text(${name})`;
        case 'DateTimeOffset':
            return minuteDates ? `sample_minutes_text(${name})` : `sample_seconds_text(${name})`;
        case 'Boolean':
            return `sample_boolean_text(${name})`;
        case 'String':
            return name;
    }
}

function parquetValue(column: SchemaColumn): string {
    const name = quotedIdentifier(column.name);
    return PARQUET_TEXT_COLUMNS.has(column.name) ? `sample_decimal_text(${name})` : name;
}
