import { DuckDBConnection, quotedString } from '@duckdb/node-api';

/** Rows and exact cost totals of a written Parquet file, as decimal text. */
export interface PartTotals {
    rows: number;
    billedCost: string;
    effectiveCost: string;
}

/** Reads the row count and BilledCost / EffectiveCost sums back from a Parquet file the hub wrote. */
export async function parquetTotals(connection: DuckDBConnection, path: string): Promise<PartTotals> {
    const reader = await connection.runAndReadAll(
        `select count(*)::bigint as rows, coalesce(sum(BilledCost), 0)::varchar as billed,
                coalesce(sum(EffectiveCost), 0)::varchar as effective
         from read_parquet(${quotedString(path)})`,
    );
    const [rows, billedCost, effectiveCost] = reader.getRows()[0] ?? [];
    return { rows: Number(rows), billedCost: String(billedCost), effectiveCost: String(effectiveCost) };
}
