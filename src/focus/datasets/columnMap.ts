export type ColumnType = 'string' | 'decimal' | 'datetime' | 'boolean' | 'json';

/** One column a dataset stages from an export part, typed. */
export interface OutputColumn {
    name: string;
    type: ColumnType;
    /** Export columns to take the value from (matched ignoring case), first non-null wins; default: the column's own name. */
    sources?: string[];
}

/** Export column name (lower case) → the type it is staged as, for every source of `output`. */
export function sourceTypes(output: readonly OutputColumn[]): Map<string, ColumnType> {
    const types = new Map<string, ColumnType>();
    for (const column of output) {
        for (const source of column.sources ?? [column.name]) {
            if (!types.has(source.toLowerCase())) types.set(source.toLowerCase(), column.type);
        }
    }
    return types;
}
