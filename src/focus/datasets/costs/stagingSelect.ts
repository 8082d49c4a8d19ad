import { quotedIdentifier } from '@duckdb/node-api';

import { InputError } from '../../../errors';
import { ColumnType, costColumnMap } from './costColumns';
import { exportColumns, isFocusCostVersion } from './exportColumns';

/** A column as DuckDB sees it in the source file. */
export interface SourceColumn {
    name: string;
    type: string;
}

/**
 * The select list that turns one export part (any supported version, CSV as text or typed Parquet) into the FOCUS 1.2
 * output columns in order, typed: renamed columns are coalesced from their sources, columns the version lacks are
 * typed nulls (`only`: just those output columns). Identifiers are quoted; nothing from the file is pasted as SQL text.
 */
export function stagingSelect(
    sourceColumns: SourceColumn[],
    dataVersion: string,
    partName: string,
    only?: readonly string[],
): string {
    const map = costColumnMap();
    const byLowerName = new Map(sourceColumns.map((column) => [column.name.toLowerCase(), column]));
    const expected = isFocusCostVersion(dataVersion) ? exportColumns(dataVersion).map((c) => c.name) : [];
    const missing = expected.filter((name) => !name.startsWith('x_') && !byLowerName.has(name.toLowerCase()));
    if (missing.length > 0) {
        throw new InputError(
            'SchemaMismatch',
            `Part ${partName} lacks FocusCost ${dataVersion} column(s) ${missing.join(', ')}; found ${sourceColumns.length} columns.`,
        );
    }
    return map.output
        .filter((column) => !only || only.includes(column.name))
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

const SQL_TYPES: Record<ColumnType, string> = {
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

/** Text (CSV, or a Parquet string column) goes through the hub_* macros; typed Parquet columns are cast. */
export function convert(source: SourceColumn, type: ColumnType): string {
    const column = quotedIdentifier(source.name);
    if (source.type === 'VARCHAR') return `${FROM_TEXT[type]}(${column})`;
    return `cast(${column} as ${SQL_TYPES[type]})`;
}
