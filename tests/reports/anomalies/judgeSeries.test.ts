import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { judgeSeries } from '../../../src/reports/anomalies/judgeSeries';
import { isWeekend } from '../../../src/reports/anomalies/seasonalBaseline';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = (n: number) => Array.from({ length: n }, (_, i) => (i + 4) % 7);
/** Weekdays 100 (± a small wobble), weekends 40: a clean weekly pattern. */
const weekly = (n: number) =>
    weekdays(n).map((w, i) => (w === 0 || w === 6 ? 40 : 100) * (1 + 0.03 * Math.sin(i * 1.7)));
/** The weekly pattern with ±4 % more noise. */
const noisy = (n: number) => weekly(n).map((v, i) => v * (1 + 0.04 * Math.sin(i * 2.3)));

describe('judgeSeries', () => {
    it('judges no day before 28 days of history, then flags a spike against its weekday, not against weekends', () => {
        const values = weekly(70);
        values[50] = 250;
        const { judged, flags } = judgeSeries(values, weekdays(70), 0, ANOMALY_PARAMS);
        expect(judged).toBe(70 - 28);
        expect(flags.map((f) => [f.index, f.direction, f.levelShift])).toEqual([[50, 'spike', false]]);
        expect(flags[0]?.expected).toBeGreaterThan(90);
        expect(flags[0]?.expected).toBeLessThan(110);
        expect(flags[0]?.score).toBeGreaterThanOrEqual(ANOMALY_PARAMS.threshold);
        expect(flags[0]?.lower).toBeLessThan(flags[0]?.expected ?? 0);
        expect(flags[0]?.upper).toBeLessThan(250);
    });

    it('flags a spike of three days on each of its days, as one change', () => {
        const values = weekly(70).map((v, i) => (i >= 50 && i < 53 ? v * 3 : v));
        const { flags } = judgeSeries(values, weekdays(70), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.start, f.levelShift])).toEqual([
            [50, 50, false],
            [51, 50, false],
            [52, 50, false],
        ]);
    });

    it('ends a spike on a day that moved less than half as far as its first: three days ×3 and a wobble are no level shift', () => {
        // Monday to Wednesday ×3 (a score of 26), then a Thursday ×1.15 (4.5: past threshold × continueShare).
        const values = noisy(80).map((v, i) => v * (i >= 46 && i < 49 ? 3 : i === 49 ? 1.15 : 1));
        const { flags } = judgeSeries(values, weekdays(80), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction, f.levelShift])).toEqual([
            [46, 'spike', false],
            [47, 'spike', false],
            [48, 'spike', false],
        ]);
    });

    it('ends a weekend drop before the normal week after it: a Saturday a little low a week later is not part of it', () => {
        // Saturday and Sunday ×0.75 (scores 6.9 and 7.9), a normal week, then a Saturday ×0.92: 3.7 from the drop's
        // baseline, past half the score that started it, yet short of the threshold.
        const values = noisy(80).map((v, i) => v * (i === 58 || i === 59 ? 0.75 : i === 65 ? 0.92 : 1));
        const { flags } = judgeSeries(values, weekdays(80), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.start, f.levelShift])).toEqual([
            [58, 58, false],
            [59, 58, false],
        ]);
    });

    it('flags only the first day of a level shift, then takes the new level as its baseline', () => {
        const values = weekly(90).map((v, i) => (i >= 60 ? v * 2 : v));
        const { flags } = judgeSeries(values, weekdays(90), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction, f.levelShift])).toEqual([[60, 'spike', true]]);
    });

    it('does not judge weekdays the series is idle on, nor an erratic (bursty) series', () => {
        const idleWeekends = weekly(70).map((v, i) => ([0, 6].includes(weekdays(70)[i] ?? 0) ? 0 : v));
        const { judged } = judgeSeries(idleWeekends, weekdays(70), 0, ANOMALY_PARAMS);
        expect(judged).toBe(Math.round(((70 - 28) * 5) / 7));
        const bursty = weekly(70).map((v, i) => (i % 4 === 0 ? v * 10 : i % 3 === 0 ? 0 : v * 0.3));
        expect(judgeSeries(bursty, weekdays(70), 0, ANOMALY_PARAMS).flags).toEqual([]);
    });

    it('judges an intermittent series (idle on some working days) for spikes only: its idle days are its normal', () => {
        const values = weekly(80).map((v, i) => (i % 9 === 4 ? 0 : v));
        values[60] = 0;
        values[70] = 300;
        const { flags } = judgeSeries(values, weekdays(80), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction])).toEqual([[70, 'spike']]);
    });

    it('scales its band by the series own noise: a 25 % dip flags a quiet series, not a noisy one', () => {
        const days = weekdays(80);
        const quiet = weekly(80).map((v, i) => v * (1 + 0.01 * Math.sin(i * 2.3)));
        const loud = weekly(80).map((v, i) => v * (1 + 0.12 * Math.sin(i * 2.3)));
        for (const values of [quiet, loud]) values[66] = (values[66] ?? 0) * 0.75;
        expect(judgeSeries(quiet, days, 0, ANOMALY_PARAMS).flags.map((f) => f.index)).toEqual([66]);
        expect(judgeSeries(loud, days, 0, ANOMALY_PARAMS).flags).toEqual([]);
    });

    it('judges a weekend day by the wider of its weekend noise and its noise of all days', () => {
        // Weekdays wobble by a further ±8 %, the window's 16 weekend days by ±1 %: too few days to trust so narrow a band.
        const days = weekdays(80);
        const values = weekly(80).map((v, i) => v * (1 + (isWeekend(days[i]) ? 0.01 : 0.08) * Math.sin(i * 2.3)));
        values[65] = (values[65] ?? 0) * 0.8; // a Saturday 20 % down: within the series' noise
        values[72] = (values[72] ?? 0) * 0.4; // the next Saturday 60 % down: an event
        expect(judgeSeries(values, days, 0, ANOMALY_PARAMS).flags.map((f) => [f.index, f.direction])).toEqual([
            [72, 'drop'],
        ]);
    });

    it('leaves an earlier spike out of later baselines, so it does not widen the band that judges the next one', () => {
        const values = noisy(90).map((v, i) => (i >= 40 && i < 43 ? v * 3 : i === 75 ? v * 1.45 : v));
        const { flags } = judgeSeries(values, weekdays(90), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction])).toEqual([
            [40, 'spike'],
            [41, 'spike'],
            [42, 'spike'],
            [75, 'spike'],
        ]);
    });

    it('measures noise on each side of a level shift apart: the step itself is not noise', () => {
        const values = noisy(100).map((v, i) => (i >= 50 ? v * 0.3 : v) * (i === 72 ? 0.6 : 1));
        const { flags } = judgeSeries(values, weekdays(100), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction, f.levelShift])).toEqual([
            [50, 'drop', true],
            [72, 'drop', false],
        ]);
    });

    it('starts a change on the day before its first flagged day when that day already went half as far its way', () => {
        const late = noisy(90).map((v, i) => v * (i === 60 ? 1.25 : i === 61 ? 1.5 : 1));
        expect(judgeSeries(late, weekdays(90), 0, ANOMALY_PARAMS).flags.map((f) => [f.index, f.start])).toEqual([
            [60, 60],
            [61, 60],
        ]);
        // A day of ordinary noise before a large spike stays out of it.
        const wobble = noisy(90).map((v, i) => v * (i === 60 ? 1.2 : i === 61 ? 3 : 1));
        expect(judgeSeries(wobble, weekdays(90), 0, ANOMALY_PARAMS).flags.map((f) => [f.index, f.start])).toEqual([
            [61, 61],
        ]);
    });

    it('starts a change on its Saturday when the weekend, noisier, went half as far as the Monday that flagged it', () => {
        const days = weekdays(80);
        // Weekends wobble by ±12 %, weekdays by ±2 %: days 65 and 66 are a Saturday and a Sunday.
        const values = weekly(80).map((v, i) => v * (1 + (isWeekend(days[i]) ? 0.12 : 0.02) * Math.sin(i * 2.3)));
        const dropped = values.map((v, i) => v * (i >= 65 && i <= 67 ? 0.45 : 1));
        expect(judgeSeries(dropped, days, 0, ANOMALY_PARAMS).flags.map((f) => [f.index, f.start])).toEqual([
            [65, 65],
            [66, 65],
            [67, 65],
        ]);
    });

    it('ends a weekend change that a later move of the weekdays it left alone would take up: that is a change of its own', () => {
        // Days 51 and 52 are a Saturday and a Sunday; from Wednesday 55 on the series stays lower.
        const values = noisy(100).map((v, i) => v * (i === 51 || i === 52 ? 0.5 : i >= 55 ? 0.6 : 1));
        const { flags } = judgeSeries(values, weekdays(100), 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.direction, f.levelShift])).toEqual([
            [51, 'drop', false],
            [52, 'drop', false],
            [55, 'drop', true],
        ]);
    });

    it('takes the level of a series idle at weekends from its working days: a second spike stays a spike', () => {
        const days = weekdays(80);
        // Growing by 0.3 % a day: its weekends' zeros, weekday-adjusted, stand for the window's older level.
        const idleWeekends = weekly(80).map((v, i) => ([0, 6].includes(days[i] ?? 0) ? 0 : v * (1 + 0.003 * i)));
        // Wednesday 41 to Friday 43, then Tuesday 47 and Wednesday 48.
        const values = idleWeekends.map((v, i) => v * (i >= 41 && i <= 43 ? 3 : i === 47 || i === 48 ? 1.8 : 1));
        const { flags } = judgeSeries(values, days, 0, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.index, f.start, f.levelShift])).toEqual([
            [41, 41, false],
            [42, 41, false],
            [43, 41, false],
            [47, 47, false],
            [48, 47, false],
        ]);
    });
});
