import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { PipelineError } from '../../../errors';
import { loadSql } from '../../loadAsset';

/** The hub dataset holding AI cost and tokens per day and model, published beside Costs. */
export const AI_UNIT_ECONOMICS = 'AIUnitEconomics';

/**
 * Sums the AI rows (x_ModelId not null) of one part's Costs Parquet per day and AI dimensions into a partial Parquet
 * file at `outPath` (sums and row counts, no ratios). Returns the number of groups written; a part without AI rows
 * writes an empty file.
 */
export async function writeAiUnitEconomicsPartial(
    connection: DuckDBConnection,
    costsParquetPath: string,
    outPath: string,
): Promise<number> {
    await connection.run(
        `create or replace temp view ai_unit_economics_costs as select * from read_parquet(${quotedString(costsParquetPath)})`,
    );
    return copyToParquet(connection, loadSql('ai_unit_economics_v1_2', __dirname), outPath);
}

/**
 * Merges partials (of one run, or of several runs of the same month and scope) into the final AIUnitEconomics rows at
 * `outPath`: one row per group, with cost per 1K and per 1M tokens from the summed costs and tokens. Returns the row
 * count.
 */
export async function mergeAiUnitEconomics(
    connection: DuckDBConnection,
    partialPaths: string[],
    outPath: string,
): Promise<number> {
    if (partialPaths.length === 0) {
        throw new PipelineError('TransformFailed', `No ${AI_UNIT_ECONOMICS} partial files to merge into ${outPath}.`);
    }
    const files = `[${partialPaths.map((path) => quotedString(path)).join(', ')}]`;
    await connection.run(
        `create or replace temp view ai_unit_economics_partials as select * from read_parquet(${files})`,
    );
    return copyToParquet(connection, loadSql('ai_unit_economics_merge_v1_2', __dirname), outPath);
}

async function copyToParquet(connection: DuckDBConnection, query: string, outPath: string): Promise<number> {
    const reader = await connection.runAndReadAll(
        `copy (${query}) to ${quotedString(outPath)} (format parquet, compression zstd)`,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
}
