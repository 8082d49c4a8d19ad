import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { chainSql } from '../../chainSql';
import { loadSql } from '../../loadAsset';
import { AI_METER_KEYS, loadAiMeters } from './loadAiMeters';
import { loadTagAliases } from './loadTagAliases';
import type { TagAliases } from './tagAliases';

/** One step of a chain: the relation it defines and its SQL (see chainSql). */
export type ChainStep = readonly [name: string, sql: string];

/** What a converter hands the shared Costs chain. */
export interface CostChainInput {
    /** Steps ending in `stg_cost`: the FOCUS 1.2 output columns of the column map, typed, in order. */
    staged: readonly ChainStep[];
    /** A query selecting at least the AI meter key columns of the part's rows (may be a cheaper one than staged). */
    meters: string;
    tagAliases: TagAliases;
    /** Steps after the tag columns (reading `focus_cost_tags`), for what only one converter adds. */
    after?: readonly ChainStep[];
}

/**
 * The Costs chain every converter shares, from `stg_cost` on: FOCUS 1.2 fixes, AI unit-economics columns, tag
 * columns; written as Parquet (zstd) at `outputPath`. Whatever is added to these steps applies to every export type.
 */
export async function writeCostChain(
    connection: DuckDBConnection,
    input: CostChainInput,
    outputPath: string,
): Promise<void> {
    await loadAiMeters(connection, `select distinct ${AI_METER_KEYS.join(', ')} from (${input.meters})`);
    await loadTagAliases(connection, input.tagAliases);
    const costs = chainSql([
        ...input.staged,
        ['focus_cost', loadSql('focus_cost_v1_2', __dirname)],
        ['ai_rows', loadSql('focus_cost_ai_rows_v1_2', __dirname)],
        ['ai_token_scale', loadSql('ai_token_scale_v1_2', __dirname)],
        ['focus_cost_ai', loadSql('focus_cost_ai_v1_2', __dirname)],
        ['focus_cost_tags', loadSql('focus_cost_tags_v1_2', __dirname)],
        ...(input.after ?? []),
    ]);
    await connection.run(`copy (${costs}) to ${quotedString(outputPath)} (format parquet, compression zstd)`);
}
