import { parquetTotals } from '../../totals';
import type { DerivedDataset } from '../hubDataset';
import { AI_UNIT_ECONOMICS, mergeAiUnitEconomics, writeAiUnitEconomicsPartial } from './aiUnitEconomics';

/** AI cost and tokens per day, model, direction, deployment and tags, derived from Costs and published beside it. */
export const aiUnitEconomicsDataset: DerivedDataset = {
    name: AI_UNIT_ECONOMICS,
    totals: ['BilledCost', 'EffectiveCost'],
    currency: 'BillingCurrency',
    async partial(connection, parentParquet, outPath) {
        await writeAiUnitEconomicsPartial(connection, parentParquet, outPath);
    },
    async merge(connection, partials, outPath) {
        await mergeAiUnitEconomics(connection, [...partials], outPath);
        return parquetTotals(connection, outPath, this.totals, this.currency);
    },
    fileName: (runId) => `${runId}__ai_unit_economics.parquet`,
};
