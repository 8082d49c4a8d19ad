/** The Azure Monitor namespace of Cognitive Services / AI Services accounts. */
export const METRIC_NAMESPACE = 'Microsoft.CognitiveServices/accounts';

/** Metrics asked for in one call: they share their aggregation and the dimensions the filter splits them by. */
export interface MetricGroup {
    name: string;
    metrics: readonly string[];
    aggregation: string;
    dimensions: readonly string[];
}

/**
 * What the pull asks Azure Monitor for (docs/capacity.md "What the pull asks for"), hourly: tokens by deployment, model
 * and version; the older prompt/generated token metrics (no ModelName dimension) for accounts that report only those;
 * provisioned utilization; requests split by IsSpillover. A group that names a metric the namespace lacks is asked
 * again metric by metric.
 */
export const METRIC_GROUPS: readonly MetricGroup[] = [
    {
        name: 'tokens',
        metrics: ['InputTokens', 'OutputTokens', 'TotalTokens', 'ActiveTokens'],
        aggregation: 'total',
        dimensions: ['ModelDeploymentName', 'ModelName', 'ModelVersion'],
    },
    {
        name: 'legacy-tokens',
        metrics: ['ProcessedPromptTokens', 'GeneratedTokens'],
        aggregation: 'total',
        dimensions: ['ModelDeploymentName', 'ModelVersion'],
    },
    {
        name: 'utilization',
        metrics: ['AzureOpenAIProvisionedManagedUtilizationV2', 'ProvisionedUtilization'],
        aggregation: 'average,maximum',
        dimensions: ['ModelDeploymentName'],
    },
    {
        name: 'requests',
        metrics: ['AzureOpenAIRequests', 'ModelRequests'],
        aggregation: 'total',
        dimensions: ['ModelDeploymentName', 'IsSpillover'],
    },
];

/** The filter that splits a group's series by its dimensions (`ModelDeploymentName eq '*' and …`). */
export const metricFilter = (group: MetricGroup): string => group.dimensions.map((d) => `${d} eq '*'`).join(' and ');

/**
 * Series per resource the pull asks for (`top`): once a filter is given the API returns only 10 by default, silently
 * dropping deployments; 1,000 covers every deployment × model version × status of an account.
 */
export const METRIC_TOP = 1000;

/** Query windows of at most 7 days covering `[start, end)`: a month-to-date pull is a few calls per group. */
export function metricWindows(start: Date, end: Date): { start: Date; end: Date }[] {
    const windows: { start: Date; end: Date }[] = [];
    for (let from = start.getTime(); from < end.getTime(); from += 7 * 86_400_000) {
        windows.push({ start: new Date(from), end: new Date(Math.min(from + 7 * 86_400_000, end.getTime())) });
    }
    return windows;
}
