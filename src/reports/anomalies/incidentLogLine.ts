import { seriesLabel } from '../seriesLabel';
import type { Incident } from './incident';

/**
 * The trace the pipeline writes for a new incident, which the Azure Monitor alert reads
 * (`infra/bicep/alerts/aiSpendAnomalies.kql`):
 * `Incident <scope> <YYYY-MM> <id>: <kind> of <metric>, impact <amount> <currency>, score <score>, top cause <series>`.
 */
export function incidentLogLine(scope: string, month: string, incident: Incident): string {
    const cause = incident.rootCauses[0]?.dimensions;
    return (
        `Incident ${scope} ${month} ${incident.id}: ${incident.kind} of ${incident.metric}, ` +
        `impact ${incident.impact} ${incident.currency ?? '-'}, score ${incident.peakScore.toFixed(2)}, ` +
        `top cause ${cause ? seriesLabel(cause) : 'none'}`
    );
}
