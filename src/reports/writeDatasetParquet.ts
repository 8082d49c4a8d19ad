import { DuckDBConnection, DuckDBValue, quotedString } from '@duckdb/node-api';

/**
 * Writes the rows of `query` (a dataset step that reads its input from bound JSON, not from JS rows) to a zstd Parquet
 * file at `outPath`; returns the row count.
 */
export async function writeDatasetParquet(
    connection: DuckDBConnection,
    query: string,
    values: Record<string, DuckDBValue>,
    outPath: string,
): Promise<number> {
    const reader = await connection.runAndReadAll(
        `copy (${query}) to ${quotedString(outPath)} (format parquet, compression zstd)`,
        values,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
}
