import type { AnomalyFindings } from './incident';

/** What `finops-hub anomalies --json` prints (docs/insights.md "Anomalies"): incidents, then their days. */
export function incidentsJson(findings: AnomalyFindings) {
    return {
        incidents: findings.incidents.map(({ id, start, end, kind, metric, impact, peakScore, rootCauses }) => ({
            id,
            start,
            end,
            kind,
            metric,
            impact,
            peakScore,
            rootCauses: rootCauses.map(({ dimensions, impact: amount, share }) => ({
                dimensions,
                impact: amount,
                share,
            })),
        })),
        anomalies: findings.anomalies.map(
            ({ date, metric, dimensions, actual, expected, lower, upper, score, direction, incident }) => ({
                date,
                metric,
                dimensions,
                actual,
                expected,
                lower,
                upper,
                score,
                direction,
                incident,
            }),
        ),
    };
}
