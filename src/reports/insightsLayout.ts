import { datasetFolder } from '../focus/layout';

/** The datasets computeInsights writes, published beside Costs in the hub layout. */
export const INSIGHTS_DATASETS = { anomalies: 'Anomalies', forecasts: 'Forecasts' } as const;

/** Their folder names, in the order they are published. */
export const INSIGHT_DATASETS = [INSIGHTS_DATASETS.anomalies, INSIGHTS_DATASETS.forecasts] as const;

/** Published file names of one run's insights: `{runId}__anomalies.parquet`, `{runId}__forecasts.parquet`. */
export function insightsFileName(runId: string, kind: keyof typeof INSIGHTS_DATASETS): string {
    return `${runId}__${kind}.parquet`;
}

/** Where the report of a scope and month goes in the ingestion container (no manifest: not a dataset). */
export function reportBlobName(scope: string, month: string): string {
    return `${datasetFolder('Reports', month, scope)}/ai-insights.html`;
}
