import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { seasonalBaseline } from '../../../src/reports/anomalies/seasonalBaseline';
import { median, quantile } from '../../../src/reports/robustStats';
import { gaussian, random } from '../../helpers/anomalyCorpus';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = Array.from({ length: 71 }, (_, i) => (i + 4) % 7);
const weekend = (w: number) => w === 0 || w === 6;
const sd = 0.05;

/** 400 series of log-normal noise (sd 0.05) around `level(weekday, day)`, drawn from `seed`. */
function noisySeries(seed: number, level: (weekday: number, day: number) => number): number[][] {
    const next = random(seed);
    return Array.from({ length: 400 }, () => weekdays.map((w, i) => level(w, i) * Math.exp(sd * gaussian(next))));
}

describe('seasonalBaseline', () => {
    it('measures the noise after a level shift on its own only from enough days: fewer would widen the band', () => {
        // 400 log-normal series (sd 0.05) that halve on day 45 and keep their noise, judged on day 62 (a Wednesday):
        // the 17 days since hold fewer than 20 residuals, too few to tell a change of noise from sampling error.
        const ratios = noisySeries(7, (w, i) => (weekend(w) ? 40 : 100) * (i >= 45 ? 0.5 : 1)).map(
            (values) => (seasonalBaseline(values, weekdays, 62, ANOMALY_PARAMS, [45])?.scale ?? Number.NaN) / sd,
        );
        expect(median(ratios)).toBeLessThan(1.15);
        expect(quantile(ratios, 0.9)).toBeLessThan(1.5);
    });

    it('takes the weekday profile from the weeks on either side of a level shift: the week holding the step bends it', () => {
        // 400 log-normal series (sd 0.05) idle at weekends that rise by half on day 29, with earlier spikes left out
        // (days 41–43, 47–48), judged on days 61 and 62: the 7-day blocks ending there hold the step in one of them.
        const spikes = new Set([41, 42, 43, 47, 48]);
        const ratios = noisySeries(11, (w, i) => (weekend(w) ? 0 : 100) * (i >= 29 ? 1.5 : 1)).map((values) =>
            [61, 62].map((t) => (seasonalBaseline(values, weekdays, t, ANOMALY_PARAMS, [29], spikes)?.scale ?? 0) / sd),
        );
        for (const day of [0, 1]) {
            const onDay = ratios.map((r) => r[day] ?? Number.NaN);
            expect(median(onDay)).toBeLessThan(1.1);
            expect(quantile(onDay, 0.9)).toBeLessThan(1.35);
        }
    });

    it('measures the noise within the parts of the window between its level shifts, not across an earlier step', () => {
        // 400 log-normal series (sd 0.05) that rise by 80 % on day 36 and halve on day 55, judged on days 65 and 66
        // (a Saturday and a Sunday: weekend neighbours lie up to ten days away, so a step spoils many residuals).
        const level = (w: number, i: number) => (weekend(w) ? 40 : 100) * (i >= 36 ? 1.8 : 1) * (i >= 55 ? 0.5 : 1);
        const ratios = noisySeries(13, level).map((values) =>
            [65, 66].map((t) => (seasonalBaseline(values, weekdays, t, ANOMALY_PARAMS, [36, 55])?.scale ?? 0) / sd),
        );
        for (const day of [0, 1]) {
            const onDay = ratios.map((r) => r[day] ?? Number.NaN);
            expect(median(onDay)).toBeLessThan(1.35);
            expect(quantile(onDay, 0.9)).toBeLessThan(1.9);
        }
    });

    it('does not compare residuals across a day the make-up of the series changed: its step is no noise', () => {
        // 400 log-normal series (sd 0.05) that fall by 40 % on day 45, when a finest series of them stopped, judged on
        // days 65 and 66 (a Saturday and a Sunday): a residual across the step would measure the step.
        const ratios = noisySeries(17, (w, i) => (weekend(w) ? 40 : 100) * (i >= 45 ? 0.6 : 1)).map((values) => {
            const scale = (t: number, steps: number[]) =>
                (seasonalBaseline(values, weekdays, t, ANOMALY_PARAMS, [], new Set(), steps)?.scale ?? 0) / sd;
            return [65, 66].flatMap((t) => [scale(t, [45]), scale(t, [])]);
        });
        const column = (k: number) => ratios.map((r) => r[k] ?? Number.NaN);
        for (const k of [0, 2]) {
            expect(median(column(k))).toBeLessThan(1.3);
            expect(quantile(column(k), 0.9)).toBeLessThan(1.7);
            // Compared across the step, the band comes out about twice the noise.
            expect(median(column(k + 1))).toBeGreaterThan(1.7);
        }
    });
});
