/** The datasets computed from published telemetry and AI account costs, published together in this order. */
export const CAPACITY_DATASETS = ['AIDeployments', 'AITokenUsage', 'AIProvisioned', 'CostAllocation'] as const;

/**
 * The currency of the retail price snapshot (`src/focus/data/ai-meter-retail-prices.csv`: the Azure Retail Prices API
 * answers in USD unless asked otherwise), so of every pay-as-you-go equivalent.
 */
export const RETAIL_CURRENCY = 'USD';

export type CapacityDataset = (typeof CAPACITY_DATASETS)[number];

/** Each dataset's temp table in computeCapacity, and the columns whose exact sums its folder manifest records. */
export const CAPACITY_OUTPUTS: Record<CapacityDataset, { table: string; totals: readonly string[] }> = {
    AIDeployments: { table: 'deployment_days', totals: ['x_PtuHours'] },
    AITokenUsage: { table: 'token_usage', totals: ['x_TokenCount'] },
    AIProvisioned: { table: 'provisioned_rows', totals: ['EffectiveCost', 'BilledCost'] },
    CostAllocation: { table: 'cost_allocation', totals: ['EffectiveCost', 'BilledCost'] },
};

const FILE_NAMES: Record<CapacityDataset, string> = {
    AIDeployments: 'ai_deployments',
    AITokenUsage: 'ai_token_usage',
    AIProvisioned: 'ai_provisioned',
    CostAllocation: 'cost_allocation',
};

/** Published file name of a dataset computed by run `runId`: `{runId}__ai_provisioned.parquet`, … */
export function capacityFileName(runId: string, dataset: CapacityDataset): string {
    return `${runId}__${FILE_NAMES[dataset]}.parquet`;
}
