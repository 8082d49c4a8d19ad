import { quotedIdentifier } from '@duckdb/node-api';

import type { ColumnReading, ColumnType, DateFormat, OutputColumn } from './columnMap';

/** A column as DuckDB sees it in the source file. */
export interface SourceColumn {
    name: string;
    type: string;
}

/**
 * The select list that turns one export part (CSV read as text, or typed Parquet) into `output`'s columns in order,
 * typed: each is coalesced from the first of its sources the part has (names compared ignoring case), or a typed null
 * when it has none; datetime text is read in `dateFormats` unless the column names its own. Identifiers are quoted;
 * nothing from the file is pasted as SQL text.
 */
export function stagingSelect(
    output: readonly OutputColumn[],
    sourceColumns: readonly SourceColumn[],
    dateFormats: readonly DateFormat[],
): string {
    const byLowerName = new Map(sourceColumns.map((column) => [column.name.toLowerCase(), column]));
    return output
        .map((column) => {
            const reading = { type: column.type, dateFormats: column.dateFormats ?? dateFormats };
            const found = (column.sources ?? [column.name])
                .map((source) => byLowerName.get(source.toLowerCase()))
                .filter((source): source is SourceColumn => source !== undefined)
                .map((source) => convert(source, reading));
            const value =
                found.length === 0
                    ? `null::${SQL_TYPES[column.type]}`
                    : found.length === 1
                      ? found[0]
                      : `coalesce(${found.join(', ')})`;
            return `${value} as ${quotedIdentifier(column.name)}`;
        })
        .join(',\n    ');
}

export const SQL_TYPES: Record<ColumnType, string> = {
    string: 'varchar',
    json: 'varchar',
    decimal: 'decimal(38, 18)',
    jsonDecimal: 'decimal(38, 18)',
    datetime: 'timestamptz',
    boolean: 'boolean',
};

const FROM_TEXT: Record<Exclude<ColumnType, 'datetime'>, string> = {
    string: 'hub_text',
    json: 'hub_text',
    decimal: 'hub_decimal',
    jsonDecimal: 'hub_json_decimal',
    boolean: 'hub_boolean',
};

/** The macro reading datetime text in each set of formats the hub accepts (macros.sql). */
const DATE_MACROS: readonly (readonly [formats: string, macro: string])[] = [
    ['ISO 8601', 'hub_datetime'],
    ['M/D/YYYY, ISO 8601', 'hub_us_datetime'],
    ['yyyyMMdd, ISO 8601', 'hub_yyyymmdd_datetime'],
];

/** Binary floating-point types a Parquet writer may have used for amounts. */
const FLOATING = new Set(['DOUBLE', 'FLOAT']);

/**
 * Text (CSV, or a Parquet string column) goes through the hub_* macros; typed Parquet columns are cast. A floating-point
 * amount is cast through its shortest text (377.19596855, not the 377.195968550000001024 a double holds), the decimal
 * its writer meant, so that sums stay exact.
 */
export function convert(source: SourceColumn, reading: ColumnReading): string {
    const column = quotedIdentifier(source.name);
    const decimal = reading.type === 'decimal' || reading.type === 'jsonDecimal';
    if (decimal && FLOATING.has(source.type)) return `cast(cast(${column} as varchar) as ${SQL_TYPES[reading.type]})`;
    if (source.type !== 'VARCHAR') return `cast(${column} as ${SQL_TYPES[reading.type]})`;
    if (reading.type !== 'datetime') return `${FROM_TEXT[reading.type]}(${column})`;
    const formats = reading.dateFormats.join(', ');
    const macro = DATE_MACROS.find(([known]) => known === formats)?.[1];
    if (macro === undefined) throw new Error(`No reader for dates in ${formats}`);
    return `${macro}(${column})`;
}
