import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { judgeSeries } from '../../../src/reports/anomalies/judgeSeries';
import { anomalyLogLine } from '../../../src/reports/anomalyLogLine';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = (n: number) => Array.from({ length: n }, (_, i) => (i + 4) % 7);
/** Weekdays 100 (± a small wobble), weekends 40: a clean weekly pattern. */
const weekly = (n: number) =>
    weekdays(n).map((w, i) => (w === 0 || w === 6 ? 40 : 100) * (1 + 0.03 * Math.sin(i * 1.7)));

describe('judgeSeries', () => {
    it('judges no day before 28 days of history, then flags a spike against its weekday, not against weekends', () => {
        const values = weekly(70);
        values[50] = 250;
        const { judged, flags } = judgeSeries(values, weekdays(70), 0, ANOMALY_PARAMS);
        expect(judged).toBe(70 - 28);
        expect(flags.map((f) => [f.index, f.direction])).toEqual([[50, 'spike']]);
        expect(flags[0]?.expected).toBeGreaterThan(90);
        expect(flags[0]?.expected).toBeLessThan(110);
        expect(flags[0]?.score).toBeGreaterThanOrEqual(ANOMALY_PARAMS.threshold);
        expect(flags[0]?.lower).toBeLessThan(flags[0]?.expected ?? 0);
        expect(flags[0]?.upper).toBeLessThan(250);
    });

    it('flags the first days of a level shift, then takes the new level as its baseline', () => {
        const values = weekly(90).map((v, i) => (i >= 60 ? v * 2 : v));
        const { flags } = judgeSeries(values, weekdays(90), 0, ANOMALY_PARAMS);
        const days = flags.map((f) => f.index);
        expect(days[0]).toBe(60);
        expect(days.every((day) => day >= 60 && day <= 64)).toBe(true);
        expect(flags.every((f) => f.direction === 'spike')).toBe(true);
    });

    it('does not judge weekdays the series is idle on, nor an erratic (bursty) series', () => {
        const idleWeekends = weekly(70).map((v, i) => ([0, 6].includes(weekdays(70)[i] ?? 0) ? 0 : v));
        const { judged } = judgeSeries(idleWeekends, weekdays(70), 0, ANOMALY_PARAMS);
        expect(judged).toBe(Math.round(((70 - 28) * 5) / 7));
        const bursty = weekly(70).map((v, i) => (i % 4 === 0 ? v * 10 : i % 3 === 0 ? 0 : v * 0.3));
        expect(judgeSeries(bursty, weekdays(70), 0, ANOMALY_PARAMS).flags).toEqual([]);
    });

    it('formats the log line an alert parses', () => {
        expect(
            anomalyLogLine({ scope: 'subscriptions/s1', month: '2026-10', newAnomalies: 3, highestScore: 7.256 }),
        ).toBe('Anomalies subscriptions/s1 2026-10: 3 new, highest score 7.26');
        expect(
            anomalyLogLine({ scope: 'subscriptions/s1', month: '2026-10', newAnomalies: 0, highestScore: null }),
        ).toBe('Anomalies subscriptions/s1 2026-10: 0 new, highest score 0.00');
    });
});
