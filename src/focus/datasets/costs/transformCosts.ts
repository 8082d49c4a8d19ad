import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { chainSql } from '../../chainSql';
import { loadSql } from '../../loadAsset';
import { prepareFocus } from '../../prepareFocus';
import { parquetTotals, Totals } from '../../totals';
import { sourceTypes } from '../columnMap';
import type { PartInput } from '../hubDataset';
import { explainFailure, partColumns, partReader } from '../partReader';
import { costColumnMap } from './costColumns';
import { AI_METER_KEYS, loadAiMeters } from './loadAiMeters';
import { loadPrices } from './loadPrices';
import { loadTagAliases } from './loadTagAliases';
import { stagingSelect } from './stagingSelect';
import { defaultTagAliases, TagAliases } from './tagAliases';

/** The Costs columns whose sums are reconciled. */
export const COST_TOTALS = ['BilledCost', 'EffectiveCost'] as const;

/**
 * Converts one export part into a FOCUS 1.2 Parquet file (zstd) at `outputPath`, with prices the export lacks filled
 * from the month's published price sheets (`prices`: local Prices Parquet files), the AI unit-economics columns and
 * the tag columns (matched with `tagAliases`), entirely inside DuckDB, and returns the row count and cost totals read
 * back from the written file.
 */
export async function transformCosts(
    connection: DuckDBConnection,
    input: PartInput,
    outputPath: string,
    tagAliases: TagAliases = defaultTagAliases(),
    prices: readonly string[] = [],
): Promise<Totals> {
    await prepareFocus(connection);
    const columns = await partColumns(connection, input);
    const source = partReader(input, columns);
    const staged = `select ${stagingSelect(columns, input.dataVersion, input.name)} from ${source}`;
    const meters = `select ${stagingSelect(columns, input.dataVersion, input.name, AI_METER_KEYS)} from ${source}`;
    try {
        await loadAiMeters(connection, `select distinct ${AI_METER_KEYS.join(', ')} from (${meters})`);
        await loadTagAliases(connection, tagAliases);
        await loadPrices(connection, prices);
        // The price fill runs between staging and focus_cost, which read the relations named stg_cost and
        // focus_cost: the export's staged rows are stg_cost_export, focus_cost's output focus_cost_unflagged.
        const costs = chainSql([
            ['stg_cost_export', staged],
            ['stg_cost', loadSql('stg_cost_prices_v1_2', __dirname)],
            ['focus_cost_unflagged', loadSql('focus_cost_v1_2', __dirname)],
            ['focus_cost', loadSql('focus_cost_prices_v1_2', __dirname)],
            ['ai_rows', loadSql('focus_cost_ai_rows_v1_2', __dirname)],
            ['ai_token_scale', loadSql('ai_token_scale_v1_2', __dirname)],
            ['focus_cost_ai', loadSql('focus_cost_ai_v1_2', __dirname)],
            ['focus_cost_tags', loadSql('focus_cost_tags_v1_2', __dirname)],
        ]);
        await connection.run(`copy (${costs}) to ${quotedString(outputPath)} (format parquet, compression zstd)`);
    } catch (error) {
        throw await explainFailure(connection, error, source, columns, sourceTypes(costColumnMap().output), input.name);
    }
    return parquetTotals(connection, outputPath, COST_TOTALS);
}
