import { formatColumns } from '../formatColumns';
import { seriesLabel } from '../seriesLabel';
import type { AnomalyFindings, Incident } from './incident';

/** Root causes printed under each incident. */
const SHOWN_CAUSES = 3;

const metricLabel = (metric: Incident['metric']) => (metric === 'EffectiveCost' ? 'cost' : 'per 1M tokens');

/** Incidents as a fixed-width table, each followed by its top root causes and their share of its impact. */
export function formatIncidents(findings: AnomalyFindings, month: string): string {
    const { incidents } = findings;
    if (incidents.length === 0) return `No incidents in ${month}.\n`;
    const rows = incidents.flatMap((i) => [
        [i.start, i.end ?? 'ongoing', i.kind, metricLabel(i.metric), i.impact, i.peakScore.toFixed(2), i.id],
        ...i.rootCauses
            .slice(0, SHOWN_CAUSES)
            .map((c) => [
                `  ${seriesLabel(c.dimensions)}`,
                '',
                '',
                '',
                c.impact,
                `${(c.share * 100).toFixed(1)} %`,
                '',
            ]),
    ]);
    const header = ['start', 'end', 'kind', 'metric', 'impact', 'score', 'incident'];
    const days = findings.anomalies.length;
    return `${formatColumns([header, ...rows], 4)}\n${incidents.length} incident(s) over ${days} anomalous series-day(s).\n`;
}
