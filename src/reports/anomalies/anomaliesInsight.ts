import { monthBounds } from '../../focus/months';
import type { Insight } from '../insight';
import { announceIncidents } from './announceIncidents';
import { ANOMALY_PARAMS } from './anomalyParams';
import { detectIncidents } from './detectIncidents';
import { formatIncidents } from './formatIncidents';
import type { AnomalyAnalysis } from './incident';
import { incidentsJson } from './incidentsJson';
import { anomaliesDatasetSql, writeAnomalies } from './writeAnomalies';

const ANOMALIES = 'Anomalies';

/**
 * Incidents of AI cost and cost per 1M tokens, with their root causes and their days (docs/insights.md "Anomalies").
 */
export const anomaliesInsight: Insight<AnomalyAnalysis> = {
    name: 'anomalies',
    description:
        'Print the incidents of a month: AI cost or cost per 1M tokens breaking from its baseline, with root causes.',
    analyse: ({ connection, history, settings }) =>
        detectIncidents(
            connection,
            { from: history.from, through: history.through, judgeFrom: monthBounds(history.month).first },
            { ...ANOMALY_PARAMS, threshold: settings.anomalyThreshold },
        ),
    json: incidentsJson,
    text: formatIncidents,
    dataset: {
        name: ANOMALIES,
        view: 'anomalies',
        currency: 'BillingCurrency',
        write: writeAnomalies,
        empty: () => ({
            sql: anomaliesDatasetSql(),
            values: { anomalies: '[]', incidents: '[]', scope: null, source_run_id: null },
        }),
    },
    announce: (findings, place) => announceIncidents(findings, place, ANOMALIES),
};
