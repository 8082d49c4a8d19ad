import { rmSync } from 'node:fs';

import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import type { PartInput } from '../hubDataset';

/**
 * Rows per row group of the staged copy: a quarter of DuckDB's default, so reading ~110 columns back holds less at
 * once (the function's peak RSS −115 MiB on the AI 1M part; docs/performance.md).
 */
const ROW_GROUP_ROWS = 30_720;

/** How the Costs chain reads a part's staged columns, twice (input scan, chain). */
export interface StagedCostPart {
    /** A query of the staged output columns (`only`: just those). */
    select(only?: readonly string[]): string;
    /** Rows written to the staged copy, when there is one. */
    rows?: number;
    /** Removes the staged copy, if any. */
    remove(): void;
}

/**
 * A gzip CSV part read as it is (on one thread: the function) is inflated by DuckDB on every read, so it is staged
 * once, typed by `staging` (the select of every output column), into zstd Parquet beside `outputPath`: inflated and
 * parsed once, read twice. The copy is exact: the same expressions the chain would run on the text, DECIMAL(38, 18)
 * kept as its unscaled integer, timestamps as microseconds. A plain CSV (the CLI inflates first) or a Parquet part is
 * read twice as is: a second parse of a plain file costs less than writing and reading the copy (docs/performance.md).
 */
export async function stageCostPart(
    connection: DuckDBConnection,
    input: PartInput,
    staging: (only?: readonly string[]) => string,
    outputPath: string,
): Promise<StagedCostPart> {
    if (input.format !== 'csv' || !input.path.toLowerCase().endsWith('.gz')) {
        return { select: staging, remove: () => {} };
    }
    const path = `${outputPath}.staged.parquet`;
    const written = await connection.run(
        `copy (${staging()}) to ${quotedString(path)} (format parquet, compression zstd, compression_level 1, row_group_size ${ROW_GROUP_ROWS})`,
    );
    return {
        select: (only) =>
            `select ${only ? only.map(quotedIdentifier).join(', ') : '*'} from read_parquet(${quotedString(path)})`,
        rows: Number(written.rowsChanged),
        remove: () => rmSync(path, { force: true }),
    };
}
