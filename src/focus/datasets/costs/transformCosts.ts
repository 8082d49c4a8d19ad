import type { DuckDBConnection } from '@duckdb/node-api';

import { prepareFocus } from '../../prepareFocus';
import { reconcilePart } from '../../reconcile/reconcilePart';
import type { Group } from '../../reconcile/reconcileSpec';
import { reconciliationFailure } from '../../reconcile/reconciliationFailure';
import { INPUT_SCAN, scanInput } from '../../reconcile/scanInput';
import type { Totals } from '../../totals';
import { sourceTypes } from '../columnMap';
import type { PartInput } from '../hubDataset';
import { explainFailure, partColumns, partReader } from '../partReader';
import { writeCostChain } from './costChain';
import { costColumnMap } from './costColumns';
import { COST_INPUT_COLUMNS, COST_RECONCILIATION } from './costReconciliation';
import { costStaging } from './costStaging';
import { COST_TEXT_KEYS } from './loadCostTexts';
import { stageCostPart, StagedCostPart } from './stageCostPart';
import { defaultTagAliases, TagAliases } from './tagAliases';

export interface CostsOptions {
    /** Tag keys read into the x_Tag* columns (default: the bundled aliases). */
    tagAliases?: TagAliases;
    /** Shape the file for the FinOps toolkit's storage Power BI reports (HUB_POWERBI_STORAGE_REPORT). */
    storageReport?: boolean;
    /** The month's published price sheets (local Prices Parquet files) that fill prices the export lacks. */
    prices?: readonly string[];
}

/**
 * Converts one FocusCost export part into a FOCUS 1.2 Parquet file (zstd) at `outputPath` through the Costs chain
 * every export shares (costChain.ts), entirely inside DuckDB, and reconciles it with the part: one scan sums the
 * input per currency and category (and lists its distinct meters, Tags and SkuPriceDetails texts), the chain writes
 * the file, and its sums must equal the input's (FocusCost costs are never changed). A gzip CSV read as it is is
 * staged once first (stageCostPart); every row staged must be read back. Returns the totals.
 */
export async function transformCosts(
    connection: DuckDBConnection,
    input: PartInput,
    outputPath: string,
    { tagAliases = defaultTagAliases(), storageReport = false, prices = [] }: CostsOptions = {},
): Promise<Totals> {
    await prepareFocus(connection);
    const columns = await partColumns(connection, input);
    let groups: Group[];
    let part: StagedCostPart | undefined;
    try {
        const staging = costStaging(input, columns);
        part = await stageCostPart(connection, input, staging, outputPath);
        groups = await scanInput(
            connection,
            part.scan([...COST_TEXT_KEYS, ...COST_INPUT_COLUMNS]),
            COST_RECONCILIATION,
            COST_TEXT_KEYS,
        );
        const scanned = groups.reduce((sum, group) => sum + group.rows, 0);
        if (part.rows !== undefined && part.rows !== scanned) {
            throw reconciliationFailure(`Part ${input.name}`, `${part.rows} rows staged, ${scanned} read back`);
        }
        const chain = { staged: [['stg_cost_export', part.select()]] as const, tagAliases, storageReport, prices };
        await writeCostChain(
            connection,
            {
                ...chain,
                keys: `select * from ${INPUT_SCAN}`,
                source: { type: 'FocusCost', version: input.dataVersion },
                period: input.period,
            },
            outputPath,
        );
    } catch (error) {
        const types = sourceTypes(costColumnMap().output, costColumnMap().dateFormats);
        throw await explainFailure(connection, error, partReader(input, columns), columns, types, input.name);
    } finally {
        part?.remove();
    }
    return reconcilePart(connection, input, COST_RECONCILIATION, groups, outputPath);
}
