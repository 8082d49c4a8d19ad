import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { decimalSum } from './decimalSum';

/** Rows and exact sums (decimal text, as DuckDB prints DECIMAL(38,18)) of the columns a dataset reconciles. */
export interface Totals {
    rows: number;
    /** Column name → Σ column, e.g. `{ BilledCost: '25520.53' }`. */
    sums: Record<string, string>;
}

/** Reads the row count and the sums of `columns` back from a Parquet file the hub wrote. */
export async function parquetTotals(
    connection: DuckDBConnection,
    path: string,
    columns: readonly string[],
): Promise<Totals> {
    const sums = columns.map((c, i) => `coalesce(sum(${quotedIdentifier(c)}), 0)::varchar as s${i}`);
    const reader = await connection.runAndReadAll(
        `select ${['count(*)::bigint as rows', ...sums].join(', ')} from read_parquet(${quotedString(path)})`,
    );
    const [rows, ...values] = reader.getRows()[0] ?? [];
    return { rows: Number(rows), sums: Object.fromEntries(columns.map((c, i) => [c, String(values[i])])) };
}

/** The exact total of several totals (none: zero rows). Columns missing from some are summed over the rest. */
export function sumTotals(list: readonly Totals[]): Totals {
    const columns = [...new Set(list.flatMap((t) => Object.keys(t.sums)))];
    return {
        rows: list.reduce((sum, t) => sum + t.rows, 0),
        sums: Object.fromEntries(
            columns.map((c) => [c, decimalSum(list.flatMap((t) => (t.sums[c] === undefined ? [] : [t.sums[c]])))]),
        ),
    };
}
