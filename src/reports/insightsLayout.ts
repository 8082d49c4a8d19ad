import { datasetFolder } from '../focus/layout';

/** Where the report of a scope and month goes in the ingestion container (no manifest: not a dataset). */
export function reportBlobName(scope: string, month: string): string {
    return `${datasetFolder('Reports', month, scope)}/ai-insights.html`;
}
