import { rmSync, statSync } from 'node:fs';

import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { ledgerColumns } from '../../reconcile/ledgerSelect';
import type { PartInput } from '../hubDataset';
import { COST_RECONCILIATION } from './costReconciliation';
import type { CostStaging } from './costStaging';

/**
 * Rows per row group of the staged copy: a quarter of DuckDB's default, so reading ~110 columns back holds less at
 * once (the function's peak RSS −115 MiB on the AI 1M part; docs/performance.md).
 */
const ROW_GROUP_ROWS = 30_720;

/**
 * Largest gzip part staged (compressed bytes). Measured on the function's settings (1 thread, 1GB): a 126 MB part (1M
 * AI rows) peaks at 926 MiB staged; a 604 MB part (5M rows) at 1,059 MiB staged against 913 MiB read twice, and its
 * copy (~0.85 × the part) would take most of Flex Consumption's 0.8 GB temp disk. Larger parts are read twice as text.
 */
export const STAGE_MAX_BYTES = 160 * 1024 * 1024;

/** How the Costs chain reads a part's staged columns, twice (input scan, chain). */
export interface StagedCostPart {
    /** The input scan's query: the output columns `only` names and the ledger columns. */
    scan(only: readonly string[]): string;
    /** The chain's query: every output column. */
    select(): string;
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
 * read twice as is: a second parse of a plain file costs less than writing and reading the copy (docs/performance.md);
 * so is a gzip part larger than `maxBytes`. The copy keeps the Costs ledger's columns for the scan.
 */
export async function stageCostPart(
    connection: DuckDBConnection,
    input: PartInput,
    staging: CostStaging,
    outputPath: string,
    maxBytes = STAGE_MAX_BYTES,
): Promise<StagedCostPart> {
    const gzip = input.format === 'csv' && input.path.toLowerCase().endsWith('.gz');
    if (!gzip || statSync(input.path).size > maxBytes) {
        return { scan: (only) => staging(only, true), select: () => staging(), remove: () => {} };
    }
    const path = `${outputPath}.staged.parquet`;
    const written = await connection.run(
        `copy (${staging(undefined, true)}) to ${quotedString(path)} (format parquet, compression zstd, compression_level 1, row_group_size ${ROW_GROUP_ROWS})`,
    );
    const ledger = ledgerColumns(COST_RECONCILIATION);
    const from = `from read_parquet(${quotedString(path)})`;
    const exclude = ` exclude (${ledger.map(quotedIdentifier).join(', ')})`;
    return {
        scan: (only) => `select ${[...only, ...ledger].map(quotedIdentifier).join(', ')} ${from}`,
        select: () => `select *${exclude} ${from}`,
        rows: Number(written.rowsChanged),
        remove: () => rmSync(path, { force: true }),
    };
}
