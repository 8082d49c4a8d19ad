import type { DuckDBConnection } from '@duckdb/node-api';

import { chainSql } from '../../chainSql';
import { loadSql } from '../../loadAsset';
import { AI_METER_KEYS, loadAiMeters } from './loadAiMeters';

/** The columns the Costs chain reads once per distinct value: the AI meter key, Tags and SkuPriceDetails. */
export const COST_TEXT_KEYS = [...AI_METER_KEYS, 'Tags', 'SkuPriceDetails'] as const;

/**
 * Reads the distinct meters, Tags texts and SkuPriceDetails texts of a part in one scan of `keys` (a query selecting
 * COST_TEXT_KEYS as stg_cost_export holds them) into temp table hub_cost_texts, then classifies the meters
 * (hub_ai_meters, loadAiMeters) and fixes each JSON text once (hub_tag_texts, hub_tag_values, hub_sku_price_texts:
 * cost_json_texts_v1_2.sql) for the chain to join back. Needs hub_tag_aliases (loadTagAliases).
 */
export async function loadCostTexts(connection: DuckDBConnection, keys: string): Promise<void> {
    const texts = chainSql([
        ['cost_keys', keys],
        ['cost_texts', loadSql('cost_texts', __dirname)],
    ]);
    await connection.run(`create or replace temp table hub_cost_texts as ${texts}`);
    await loadAiMeters(connection, `select ${AI_METER_KEYS.join(', ')} from hub_cost_texts where is_meter`);
    await connection.run(loadSql('cost_json_texts_v1_2', __dirname));
}
