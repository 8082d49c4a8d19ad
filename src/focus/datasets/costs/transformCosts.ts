import type { DuckDBConnection } from '@duckdb/node-api';

import { prepareFocus } from '../../prepareFocus';
import { parquetTotals, Totals } from '../../totals';
import { sourceTypes } from '../columnMap';
import type { PartInput } from '../hubDataset';
import { explainFailure, partColumns, partReader } from '../partReader';
import { writeCostChain } from './costChain';
import { costColumnMap } from './costColumns';
import { AI_METER_KEYS } from './loadAiMeters';
import { stagingSelect } from './stagingSelect';
import { defaultTagAliases, TagAliases } from './tagAliases';

/** The Costs columns whose sums are reconciled. */
export const COST_TOTALS = ['BilledCost', 'EffectiveCost'] as const;

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
 * every export shares (costChain.ts), entirely inside DuckDB, and returns the row count and cost totals read back
 * from the written file.
 */
export async function transformCosts(
    connection: DuckDBConnection,
    input: PartInput,
    outputPath: string,
    { tagAliases = defaultTagAliases(), storageReport = false, prices = [] }: CostsOptions = {},
): Promise<Totals> {
    await prepareFocus(connection);
    const columns = await partColumns(connection, input);
    const source = partReader(input, columns);
    const staged = `select ${stagingSelect(columns, input.dataVersion, input.name)} from ${source}`;
    const meters = `select ${stagingSelect(columns, input.dataVersion, input.name, AI_METER_KEYS)} from ${source}`;
    try {
        const chain = { staged: [['stg_cost_export', staged]] as const, meters, tagAliases, storageReport, prices };
        await writeCostChain(
            connection,
            { ...chain, source: { type: 'FocusCost', version: input.dataVersion } },
            outputPath,
        );
    } catch (error) {
        throw await explainFailure(
            connection,
            error,
            source,
            columns,
            sourceTypes(costColumnMap().output, costColumnMap().dateFormats),
            input.name,
        );
    }
    return parquetTotals(connection, outputPath, COST_TOTALS);
}
