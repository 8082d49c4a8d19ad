import { quotedIdentifier } from '@duckdb/node-api';

import type { ColumnType, OutputColumn } from './columnMap';

/** A column as DuckDB sees it in the source file. */
export interface SourceColumn {
    name: string;
    type: string;
}

/**
 * The select list that turns one export part (CSV read as text, or typed Parquet) into `output`'s columns in order,
 * typed: each is coalesced from the first of its sources the part has (names compared ignoring case), or a typed null
 * when it has none. Identifiers are quoted; nothing from the file is pasted as SQL text.
 */
export function stagingSelect(output: readonly OutputColumn[], sourceColumns: readonly SourceColumn[]): string {
    const byLowerName = new Map(sourceColumns.map((column) => [column.name.toLowerCase(), column]));
    return output
        .map((column) => {
            const found = (column.sources ?? [column.name])
                .map((source) => byLowerName.get(source.toLowerCase()))
                .filter((source): source is SourceColumn => source !== undefined)
                .map((source) => convert(source, column.type));
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
    datetime: 'timestamptz',
    boolean: 'boolean',
};

const FROM_TEXT: Record<ColumnType, string> = {
    string: 'hub_text',
    json: 'hub_text',
    decimal: 'hub_decimal',
    datetime: 'hub_datetime',
    boolean: 'hub_boolean',
};

/**
 * Text (CSV, or a Parquet string column) goes through the hub_* macros (`datetimeMacro` reads datetimes: legacy exports
 * read `M/D/YYYY` too); typed Parquet columns are cast.
 */
export function convert(source: SourceColumn, type: ColumnType, datetimeMacro = 'hub_datetime'): string {
    const column = quotedIdentifier(source.name);
    if (source.type === 'VARCHAR') return `${type === 'datetime' ? datetimeMacro : FROM_TEXT[type]}(${column})`;
    return `cast(${column} as ${SQL_TYPES[type]})`;
}
