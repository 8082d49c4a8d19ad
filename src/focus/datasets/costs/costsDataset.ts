import { validatePart } from '../../validatePart';
import { aiAccountCostsDataset } from '../aiAccountCosts/aiAccountCostsDataset';
import { aiUnitEconomicsDataset } from '../aiUnitEconomics/aiUnitEconomicsDataset';
import type { HubDataset } from '../hubDataset';
import { pricesDataset } from '../prices/pricesDataset';
import { COST_TOTALS } from './costReconciliation';
import { FOCUS_COST_VERSIONS } from './exportColumns';
import { transformCosts } from './transformCosts';

/** The hub's cost and usage dataset (folder), whichever export feeds it. */
export const COSTS = 'Costs';

/** FOCUS 1.2 cost and usage rows, with AI unit economics and allocation tag columns. */
export const costsDataset: HubDataset = {
    name: COSTS,
    exports: [{ type: 'FocusCost', versions: FOCUS_COST_VERSIONS }],
    totals: COST_TOTALS,
    transformPart: (connection, input, outPath, context) =>
        transformCosts(connection, input, outPath, { ...context, prices: context.lookups[pricesDataset.name] ?? [] }),
    validatePart,
    derived: [aiUnitEconomicsDataset, aiAccountCostsDataset],
    lookups: [pricesDataset.name],
    insights: true,
    capacity: true,
};
