import { loadSql } from '../../focus/loadAsset';
import { createParquetView } from '../../focus/published/createParquetView';
import { readPublished } from '../../focus/published/readPublished';
import type { InsightPlace } from '../insight';
import type { Anomaly, AnomalyFindings } from './incident';
import { incidentLogLine } from './incidentLogLine';

const keyOf = (date: string, metric: string, dimensions: string) => `${date}|${metric}|${dimensions}`;
const anomalyKey = (a: Anomaly) => keyOf(a.date, a.metric, JSON.stringify(a.dimensions));

/**
 * One log line per new incident (incidentLogLine), then a summary. An incident is new when none of its anomalies is in
 * the Anomalies data published before for the scope and month: a daily republish, or an incident that grew a day or
 * turned out to be a level shift, does not alert twice.
 */
export async function announceIncidents(
    findings: AnomalyFindings,
    place: InsightPlace,
    dataset: string,
): Promise<string[]> {
    const { store, scope, month, connection, scratchDir } = place;
    const previous = new Set<string>();
    const { files } = await readPublished(store, dataset, { scope, months: [month] }, scratchDir);
    if (files.length > 0) {
        await createParquetView(
            connection,
            'published_anomalies',
            files.map((file) => file.path),
        );
        const reader = await connection.runAndReadAll(loadSql('previous_anomalies', __dirname));
        for (const row of reader.getRowObjectsJson() as { date: string; metric: string; dimensions: string }[]) {
            previous.add(keyOf(row.date, row.metric, row.dimensions));
        }
    }
    const fresh = findings.incidents.filter(
        (incident) => !findings.anomalies.some((a) => a.incident === incident.id && previous.has(anomalyKey(a))),
    );
    return [
        ...fresh.map((incident) => incidentLogLine(scope, month, incident)),
        `Insights ${scope} ${month}: ${findings.incidents.length} incident(s), ${fresh.length} new.`,
    ];
}
