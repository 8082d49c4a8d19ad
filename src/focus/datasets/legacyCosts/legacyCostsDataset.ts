import { validatePart } from '../../validatePart';
import { aiAccountCostsDataset } from '../aiAccountCosts/aiAccountCostsDataset';
import { aiUnitEconomicsDataset } from '../aiUnitEconomics/aiUnitEconomicsDataset';
import { COST_TOTALS } from '../costs/costReconciliation';
import { COSTS } from '../costs/costsDataset';
import type { FolderComposition, HubDataset } from '../hubDataset';
import { pricesDataset } from '../prices/pricesDataset';
import { holdsCommitmentPurchases, keepComposedRows } from './keepComposedRows';
import { legacyCostVersions } from './legacyExportColumns';
import { transformLegacyCosts } from './transformLegacyCosts';

/**
 * Each run alone brings every row; together, the amortized run every row but commitment purchases and refunds, the
 * actual run only those.
 */
export const ACTUAL_WITH_AMORTIZED: FolderComposition = {
    base: 'AmortizedCost',
    supplement: 'ActualCost',
    keep: (connection, exportType, files, outPath) =>
        keepComposedRows(connection, exportType === 'ActualCost' ? 'ActualCost' : 'AmortizedCost', files, outPath),
    baseLeavesOut: holdsCommitmentPurchases,
    supplementFileName: (runId) => `${runId}__commitments.parquet`,
};

/** Legacy cost and usage details of one export type (EA and MCA, every dataVersion) → FOCUS 1.2 Costs. */
function legacyCostsDataset(exportType: 'ActualCost' | 'AmortizedCost'): HubDataset {
    return {
        name: COSTS,
        exports: [{ type: exportType, versions: legacyCostVersions() }],
        totals: COST_TOTALS,
        transformPart: (connection, input, outPath, context) =>
            transformLegacyCosts(connection, exportType, input, outPath, context),
        validatePart,
        derived: [aiUnitEconomicsDataset, aiAccountCostsDataset],
        lookups: [pricesDataset.name],
        insights: true,
        capacity: true,
        composition: ACTUAL_WITH_AMORTIZED,
    };
}

export const actualCostsDataset = legacyCostsDataset('ActualCost');
export const amortizedCostsDataset = legacyCostsDataset('AmortizedCost');
