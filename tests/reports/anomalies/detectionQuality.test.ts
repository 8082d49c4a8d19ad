import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { anomaliesOf } from '../../../src/reports/anomalies/detectAnomalies';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { DetectionScore, scoreDetection } from '../../helpers/scoreDetection';
import { createSyntheticTable, syntheticHistory } from '../../helpers/syntheticHistory';
import { withConnection } from '../../helpers/withConnection';

const SEEDS = [101, 202, 303, 404, 505, 606];
/** First day scored: the detector judges a day after 4 weeks of history (events before still shape the baselines). */
const EVALUATE_FROM = 35;

describe('anomaly detection quality on synthetic AI cost histories', () => {
    it('finds ≥ 90 % of injected spikes, drops, level shifts and price changes with ≤ 2 % false alarms', async () => {
        const scores: DetectionScore[] = [];
        await withConnection(async (connection) => {
            for (const seed of SEEDS) {
                const history = syntheticHistory(seed);
                await createSyntheticTable(connection, history, seed);
                await connection.run(
                    'create or replace temp view ai_unit_economics as from synthetic_ai_unit_economics',
                );
                const last = new Date(Date.parse(history.start) + (history.days - 1) * 86_400_000);
                const series = await queryDailySeries(connection, {
                    from: history.start,
                    through: last.toISOString().slice(0, 10),
                });
                const anomalies = anomaliesOf(series, history.start, ANOMALY_PARAMS);
                scores.push(scoreDetection(history, series, anomalies, EVALUATE_FROM));
            }
        });
        const kinds = ['spike', 'drop', 'levelShift', 'priceChange'] as const;
        const sum = (pick: (s: DetectionScore) => number) => scores.reduce((total, s) => total + pick(s), 0);
        const injected = sum((s) => kinds.reduce((t, k) => t + s.events[k].injected, 0));
        const detected = sum((s) => kinds.reduce((t, k) => t + s.events[k].detected, 0));
        const falsePositives = sum((s) => s.falsePositives);
        const clean = sum((s) => s.cleanSeriesDays);
        const lines = kinds.map((k) => {
            const [d, i] = [sum((s) => s.events[k].detected), sum((s) => s.events[k].injected)];
            return `  ${k.padEnd(12)} ${d}/${i} detected`;
        });
        console.log(
            [
                `Anomaly detection, ${SEEDS.length} synthetic histories of 151 days:`,
                ...lines,
                `  recall       ${(detected / injected).toFixed(3)} (${detected}/${injected})`,
                `  false alarms ${((100 * falsePositives) / clean).toFixed(2)} % of clean series-days (${falsePositives}/${clean})`,
            ].join('\n'),
        );
        expect(detected / injected).toBeGreaterThanOrEqual(0.9);
        expect(falsePositives / clean).toBeLessThanOrEqual(0.02);
    });
});
