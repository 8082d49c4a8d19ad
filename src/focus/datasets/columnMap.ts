/** `jsonDecimal`: a decimal written as it is or as the `value` of a JSON object (MCA: `{"value": 12.5, "currency": …}`). */
export type ColumnType = 'string' | 'decimal' | 'jsonDecimal' | 'datetime' | 'boolean' | 'json';

/**
 * The date formats exports write, each read explicitly (docs/datasets.md "What goes in"): ISO 8601 with a four-digit
 * year, M/D/YYYY (month first, four-digit year) and yyyyMMdd. Never a two-digit year, never day-first.
 */
export type DateFormat = 'ISO 8601' | 'M/D/YYYY' | 'yyyyMMdd';

/** One column a dataset stages from an export part, typed. */
export interface OutputColumn {
    name: string;
    type: ColumnType;
    /** Export columns to take the value from (matched ignoring case), first non-null wins; default: the column's own name. */
    sources?: string[];
    /** For a datetime, the formats its text may take, when they differ from the map's. */
    dateFormats?: DateFormat[];
}

/** How a column's text is read: its type and, for datetimes, the formats accepted. */
export interface ColumnReading {
    type: ColumnType;
    dateFormats: readonly DateFormat[];
}

/** Export column name (lower case) → how it is read, for every source of `output` (datetimes: `dateFormats`). */
export function sourceTypes(
    output: readonly OutputColumn[],
    dateFormats: readonly DateFormat[],
): Map<string, ColumnReading> {
    const types = new Map<string, ColumnReading>();
    for (const column of output) {
        for (const source of column.sources ?? [column.name]) {
            if (types.has(source.toLowerCase())) continue;
            types.set(source.toLowerCase(), { type: column.type, dateFormats: column.dateFormats ?? dateFormats });
        }
    }
    return types;
}
