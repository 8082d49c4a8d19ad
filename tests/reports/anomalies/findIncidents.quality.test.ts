import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { findIncidents } from '../../../src/reports/anomalies/findIncidents';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { corpusHistory, FIRST_EVENT_DAY, loadCorpusHistory } from '../../helpers/anomalyCorpus';
import { CorpusScore, EVENT_KINDS, scoreIncidents } from '../../helpers/scoreIncidents';
import { withConnection } from '../../helpers/withConnection';

/**
 * Held-out histories: the detector's parameters were chosen on seeds 1–100 of the same generator, never on these.
 * Each history is 120 days of one scope (4–6 models × 1–3 tag combinations), scored from day 35.
 */
const HELD_OUT = Array.from({ length: 16 }, (_, i) => 101 + i);

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(0)} %`);

describe('incident detection quality on the held-out corpus', () => {
    it('finds injected spikes, drops, level shifts and price changes as one incident each, with few false incidents', async () => {
        const scores: CorpusScore[] = [];
        await withConnection(async (connection) => {
            for (const seed of HELD_OUT) {
                const history = corpusHistory(seed);
                await loadCorpusHistory(connection, history);
                const series = await queryDailySeries(connection, { from: history.start, through: '2026-12-31' });
                const { incidents } = findIncidents(series, history.start, ANOMALY_PARAMS);
                scores.push(scoreIncidents(history, incidents, FIRST_EVENT_DAY));
            }
        });
        const sum = (pick: (s: CorpusScore) => number) => scores.reduce((total, s) => total + pick(s), 0);
        const lines = EVENT_KINDS.map((k) => {
            const [found, injected] = [sum((s) => s.events[k].found), sum((s) => s.events[k].injected)];
            const [right, reported] = [sum((s) => s.reported[k].true), sum((s) => s.reported[k].incidents)];
            return `  ${k.padEnd(12)} recall ${percent(found, injected).padStart(5)} (${found}/${injected})   precision ${percent(right, reported).padStart(5)} (${right}/${reported})`;
        });
        const found = sum((s) => EVENT_KINDS.reduce((t, k) => t + s.events[k].found, 0));
        const injected = sum((s) => EVENT_KINDS.reduce((t, k) => t + s.events[k].injected, 0));
        const falseIncidents = sum((s) => s.falseIncidents);
        const seriesMonths = sum((s) => s.seriesMonths);
        console.log(
            [
                `Incidents on ${HELD_OUT.length} held-out corpus histories (threshold ${ANOMALY_PARAMS.threshold}):`,
                ...lines,
                `  all          recall ${percent(found, injected).padStart(5)} (${found}/${injected})`,
                `  false incidents ${((100 * falseIncidents) / seriesMonths).toFixed(2)} per 100 series-months (${falseIncidents} in ${seriesMonths.toFixed(0)})`,
            ].join('\n'),
        );
        // Just below what the detector measures (96 % recall, 0.52 false incidents per 100 series-months; 97 % and
        // 0.57 on the tuning seeds 1–100): the aim is every event and at most 1, so a change may only move these toward
        // it (one more false incident here is 0.78).
        expect(found / injected).toBeGreaterThanOrEqual(0.95);
        expect((100 * falseIncidents) / seriesMonths).toBeLessThanOrEqual(0.8);
    });
});
