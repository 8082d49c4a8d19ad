import { viewName } from '../viewName';

export const AI_DEPLOYMENTS = 'AIDeployments';
export const AI_TOKEN_USAGE = 'AITokenUsage';
export const AI_PROVISIONED = 'AIProvisioned';
export const COST_ALLOCATION = 'CostAllocation';

/** The datasets computed from published telemetry and AI account costs, published together in this order. */
export const CAPACITY_DATASETS = [AI_DEPLOYMENTS, AI_TOKEN_USAGE, AI_PROVISIONED, COST_ALLOCATION] as const;

/**
 * The currency of the retail price snapshot (`src/focus/data/ai-meter-retail-prices.csv`: the Azure Retail Prices API
 * answers in USD unless asked otherwise), so of every pay-as-you-go equivalent.
 */
export const RETAIL_CURRENCY = 'USD';

export type CapacityDataset = (typeof CAPACITY_DATASETS)[number];

/**
 * Each dataset's temp table in computeCapacity, the columns whose exact sums its folder manifest records, and the
 * currency column they are summed by (money only).
 */
export const CAPACITY_OUTPUTS: Record<
    CapacityDataset,
    { table: string; totals: readonly string[]; currency?: 'BillingCurrency' }
> = {
    [AI_DEPLOYMENTS]: { table: 'deployment_days', totals: ['x_PtuHours'] },
    [AI_TOKEN_USAGE]: { table: 'token_usage', totals: ['x_TokenCount'] },
    [AI_PROVISIONED]: {
        table: 'provisioned_rows',
        totals: ['EffectiveCost', 'BilledCost'],
        currency: 'BillingCurrency',
    },
    [COST_ALLOCATION]: {
        table: 'cost_allocation',
        totals: ['EffectiveCost', 'BilledCost'],
        currency: 'BillingCurrency',
    },
};

/** Published file name of a dataset computed by run `runId`: `{runId}__ai_provisioned.parquet`, … */
export function capacityFileName(runId: string, dataset: CapacityDataset): string {
    return `${runId}__${viewName(dataset)}.parquet`;
}
