import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { InputError, PipelineError } from '../../errors';
import { classifyReadError } from '../classifyDuckDbError';
import { assertUniqueColumns, partHeader } from '../partHeader';
import type { ColumnReading } from './columnMap';
import type { PartInput } from './hubDataset';
import { convert, SourceColumn } from './stagingSelect';

/**
 * The columns of a part exactly as its header (CSV, all text) or schema (Parquet, typed) names them; two names that
 * differ only by case are a `SchemaMismatch`.
 */
export async function partColumns(connection: DuckDBConnection, input: PartInput): Promise<SourceColumn[]> {
    const header = await partHeader(connection, input);
    if (header.length === 0) throw emptyPart(input);
    assertUniqueColumns(header, input.name);
    if (input.format === 'csv') return header.map((name) => ({ name, type: 'VARCHAR' }));
    return describeRelation(connection, partReader(input), input.name);
}

/** A part with no header at all (a 0-byte file): rows the manifest declares are missing, else the file is broken. */
function emptyPart(input: PartInput): InputError {
    const declared = input.declaredRows ?? 0;
    return declared > 0
        ? new InputError(
              'RowCountMismatch',
              `Part ${input.name} is empty (0 bytes, no header) but the manifest declares ${declared} rows; the export may be incomplete. Re-run it.`,
          )
        : new InputError('PartCorrupt', `Part ${input.name} is empty (0 bytes, no header); re-run the export.`);
}

/** The columns and types of a relation (a reader or a parenthesised query); a failure is a read error of `name`. */
export async function describeRelation(
    connection: DuckDBConnection,
    relation: string,
    name: string,
): Promise<SourceColumn[]> {
    try {
        const reader = await connection.runAndReadAll(`describe select * from ${relation}`);
        return reader.getRows().map(([column, type]) => ({ name: String(column), type: String(type) }));
    } catch (error) {
        throw classifyReadError(error, name);
    }
}

/**
 * The DuckDB reader of a part. CSV is read as text with Cost Management's dialect; given the columns (names quoted as
 * string literals), the reader skips sniffing.
 */
export function partReader(input: PartInput, columns?: readonly SourceColumn[]): string {
    if (input.format === 'parquet') return `read_parquet(${quotedString(input.path)})`;
    const known = columns
        ? `, auto_detect = false, columns = {${columns.map((c) => `${quotedString(c.name)}: 'VARCHAR'`).join(', ')}}`
        : ', all_varchar = true';
    return `read_csv(${quotedString(input.path)}, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true${known})`;
}

/**
 * A conversion failure names the first column holding a value that does not fit its type (`types`: export column
 * name in lower case → how the transform reads it; `convertColumn`: the SQL reading it), with an example and what was
 * expected (the date formats; a number too large for DECIMAL(38, 18) is out of range, not malformed); a PipelineError
 * is kept; anything else is classified as a read error.
 */
export async function explainFailure(
    connection: DuckDBConnection,
    error: unknown,
    source: string,
    columns: readonly SourceColumn[],
    types: ReadonlyMap<string, ColumnReading>,
    name: string,
    convertColumn: (column: SourceColumn, reading: ColumnReading) => string = convert,
): Promise<PipelineError> {
    if (error instanceof PipelineError) return error;
    if (!/Conversion Error|Could not convert|Could not parse|Out of Range/i.test(String(error))) {
        return classifyReadError(error, name);
    }
    for (const column of columns) {
        const reading = types.get(column.name.toLowerCase());
        if (reading === undefined || reading.type === 'string' || reading.type === 'json') continue;
        // Text, and the floating-point and decimal columns of Parquet parts (NaN, or 1e25 in a DOUBLE column).
        if (column.type !== 'VARCHAR' && !/^(DOUBLE|FLOAT|REAL|DECIMAL)\b/.test(column.type)) continue;
        const value = quotedIdentifier(column.name);
        const text = column.type === 'VARCHAR' ? `trim(${value})` : `${value}::varchar`;
        const reader = await connection.runAndReadAll(
            `select ${value}::varchar, isfinite(try_cast(${text} as double)) from ${source}
             where nullif(${text}, '') is not null and try(${convertColumn(column, reading)}) is null limit 1`,
        );
        const [bad, numeric] = reader.getRows()[0] ?? [];
        if (bad !== undefined) {
            const expected =
                reading.type === 'datetime'
                    ? `not a date in ${reading.dateFormats.join(' or ')} (the formats this export writes)`
                    : reading.type !== 'boolean' && numeric === true
                      ? 'out of range for DECIMAL(38, 18) (at most 20 digits before the point)'
                      : `not a ${reading.type === 'jsonDecimal' ? 'decimal' : reading.type}`;
            return new InputError(
                'ValueInvalid',
                `Part ${name}: column ${column.name} holds "${String(bad).slice(0, 80)}", which is ${expected}.`,
                false,
                { cause: error },
            );
        }
    }
    return classifyReadError(error, name);
}
