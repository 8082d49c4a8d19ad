/** The FOCUS-relevant family of a DuckDB column type. */
export type ColumnKind = 'string' | 'decimal' | 'integer' | 'temporal' | 'map' | 'other';

/** Classifies a DuckDB type name as reported by `describe` (e.g. `DECIMAL(38,18)`, `TIMESTAMP WITH TIME ZONE`). */
export function columnKind(type: string): ColumnKind {
    const name = type.toUpperCase();
    if (name === 'VARCHAR' || name === 'JSON' || name.startsWith('ENUM(')) return 'string';
    if (name.startsWith('DECIMAL') || name === 'DOUBLE' || name === 'FLOAT') return 'decimal';
    if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(name)) return 'integer';
    if (name === 'DATE' || name.startsWith('TIMESTAMP')) return 'temporal';
    if (name.startsWith('MAP(')) return 'map';
    return 'other';
}
