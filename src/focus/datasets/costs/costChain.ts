import { DuckDBConnection, quotedString, VARCHAR } from '@duckdb/node-api';

import { chainSql } from '../../chainSql';
import { loadSql } from '../../loadAsset';
import { stripMinMaxStatistics } from '../../parquet/stripMinMaxStatistics';
import type { RunPeriod } from '../../reconcile/reconcileSpec';
import { CostSource, loadCostSource } from './loadCostSource';
import { loadCostTexts } from './loadCostTexts';
import { loadPrices } from './loadPrices';
import { loadTagAliases } from './loadTagAliases';
import type { TagAliases } from './tagAliases';

const step = (name: string, file: string) => [name, loadSql(file, __dirname)] as const;

/** One step of a chain: the relation it defines and its SQL (see chainSql). */
export type ChainStep = readonly [name: string, sql: string];

/** The filter column of the FinOps toolkit's storage Power BI reports, whose min/max statistics are removed. */
const POWER_BI_FILTER_COLUMN = 'ChargePeriodStart';

/** What a converter hands the shared Costs chain. */
export interface CostChainInput {
    /** Steps ending in `stg_cost_export`: the FOCUS 1.2 output columns of the column map, typed, in order. */
    staged: readonly ChainStep[];
    /**
     * A query selecting at least COST_TEXT_KEYS (AI meter key, Tags, SkuPriceDetails) of the part's rows, valued as in
     * `stg_cost_export` (may be a cheaper query than staged): what the chain computes once per distinct value.
     */
    keys: string;
    tagAliases: TagAliases;
    /** The export the rows come from (x_Source* columns). */
    source: CostSource;
    /** The month's published price sheets (local Prices Parquet files) that fill prices the export lacks. */
    prices: readonly string[];
    /** Shape the file for the FinOps toolkit's storage Power BI reports (HUB_POWERBI_STORAGE_REPORT). */
    storageReport: boolean;
    /**
     * Steps right after the price sheet fill (the first reads `stg_cost_priced`), for what only one converter decides
     * from filled prices.
     */
    afterFill?: readonly ChainStep[];
    /** Steps after the shared ones (the first reads `cost_final`), for what only one converter adds. */
    after?: readonly ChainStep[];
    /** The run's period: corrections dated before it are flagged (x_SourceChanges CorrectionOutsidePeriod). */
    period?: RunPeriod;
}

/**
 * The steps of the shared Costs chain, from `stg_cost_priced` (reading `stg_cost_export`) to the last, each reading
 * the one before it (the price sheet fill and `afterFill` run before focus_cost_v1_2, which reads stg_cost; its flag
 * step then names focus_cost).
 */
export function costChainSteps(storageReport: boolean, afterFill: readonly ChainStep[] = []): ChainStep[] {
    const filled = afterFill.at(-1)?.[0] ?? 'stg_cost_priced';
    return [
        step('stg_cost_priced', 'stg_cost_prices_v1_2'),
        ...afterFill,
        ['stg_cost', `select * from ${filled}`],
        step('focus_cost_unflagged', 'focus_cost_v1_2'),
        step('focus_cost', 'focus_cost_price_sheet_v1_2'),
        step('cost_prices', 'focus_cost_prices_v1_2'),
        step('cost_currency', 'focus_cost_pricing_currency_v1_2'),
        step('cost_commitments', 'focus_cost_commitments_v1_2'),
        step('ai_rows', 'focus_cost_ai_rows_v1_2'),
        step('ai_token_scale', 'ai_token_scale_v1_2'),
        step('focus_cost_ai', 'focus_cost_ai_v1_2'),
        step('focus_cost_tags', 'focus_cost_tags_v1_2'),
        step('cost_sku', 'focus_cost_sku_v1_2'),
        step('cost_toolkit', 'focus_cost_toolkit_v1_2'),
        ...(storageReport ? [step('cost_storage_report', 'focus_cost_storage_report_v1_2')] : []),
    ];
}

/**
 * The Costs chain every converter shares, from `stg_cost_export` on: prices from the price sheets, FOCUS 1.2 fixes,
 * price, currency and commitment columns, AI unit-economics columns, tag columns, SKU and FinOps hubs columns,
 * corrections dated before the run's period flagged;
 * written as Parquet (zstd) at `outputPath`, its footer rewritten without ChargePeriodStart min/max statistics (so the
 * toolkit's Power BI file filter keeps it). Whatever is added to these steps applies to every export type.
 */
export async function writeCostChain(
    connection: DuckDBConnection,
    input: CostChainInput,
    outputPath: string,
): Promise<void> {
    await loadTagAliases(connection, input.tagAliases);
    await loadCostTexts(connection, input.keys);
    await loadCostSource(connection, input.source);
    await loadPrices(connection, input.prices);
    await connection.run(
        'set variable hub_period_start = $value',
        { value: input.period?.start ?? null },
        { value: VARCHAR },
    );
    const shared = costChainSteps(input.storageReport, input.afterFill);
    const last = shared[shared.length - 1]![0];
    const costs = chainSql([
        ...input.staged,
        ...shared,
        ['cost_undated', `select * from ${last}`],
        step('cost_final', 'focus_cost_period_v1_2'),
        ...(input.after ?? []),
    ]);
    await writeCostsFile(connection, costs, outputPath);
}

/**
 * Writes the rows of `query` as a Costs Parquet file (zstd) at `outputPath`, its footer rewritten without
 * ChargePeriodStart min/max statistics (so the toolkit's Power BI file filter keeps it): every Costs file the hub
 * publishes is written here.
 */
export async function writeCostsFile(connection: DuckDBConnection, query: string, outputPath: string): Promise<void> {
    // zstd level 1: 11 % less writing CPU than the default level 3 and, on costs data, no larger (docs/performance.md)
    await connection.run(
        `copy (${query}) to ${quotedString(outputPath)} (format parquet, compression zstd, compression_level 1)`,
    );
    stripMinMaxStatistics(outputPath, POWER_BI_FILTER_COLUMN);
}
