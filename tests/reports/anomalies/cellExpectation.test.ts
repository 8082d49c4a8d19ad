import { cellExpectation } from '../../../src/reports/anomalies/cellExpectation';
import { dailySeries } from '../../helpers/dailySeries';

const weekdays = Array.from({ length: 100 }, (_, i) => (i + 4) % 7);
/** A weekday-only cell of about 80 a day, ± 5 % of pseudo-random noise. */
const quiet = weekdays.map((w, i) => {
    const u = Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1;
    return w === 0 || w === 6 ? 0 : 80 * (1 + 0.1 * (u - 0.5));
});

describe('cellExpectation', () => {
    it('does not take the days of earlier spikes and drops in its window for noise', () => {
        // Three 3-day drops 17 days apart, the first partly before the 8 weeks before day 97: with the days around them,
        // a third of its working days there moved.
        const dropped = (i: number) => [40, 57, 74].some((first) => i >= first && i <= first + 2);
        const eventful = quiet.map((v, i) => v * (dropped(i) ? 0.5 : 1));
        const own = cellExpectation(dailySeries('cell', quiet), weekdays, 97).costNoise[3] ?? 0;
        const withEvents = cellExpectation(dailySeries('cell', eventful), weekdays, 97).costNoise[3] ?? 0;
        expect(own).toBeGreaterThan(0.01);
        expect(withEvents).toBeLessThan(1.5 * own);
    });

    it('gives a heavy-tailed cell the wider noise its tails need', () => {
        // Working days ±2 % about their level, but one in seven ±8 %: the 80th percentile of the distances from the
        // neighbours gives a noise of about 0.027, the 90th about 0.036.
        let k = 0;
        const heavy = weekdays.map((w) => {
            if (w === 0 || w === 6) return 0;
            k++;
            if (k % 7 === 3) return 80 * (k % 14 === 3 ? 1.08 : 0.92);
            return 80 * (k % 2 === 0 ? 1.02 : 0.98);
        });
        expect(cellExpectation(dailySeries('cell', heavy), weekdays, 97).costNoise[3]).toBeGreaterThan(0.032);
    });

    it('takes a young cell that goes idle on a day it works for intermittent', () => {
        // From day 64 on, idle on its first two Mondays: with three weeks seen, Monday's factor comes out 0, yet the
        // cell works on Mondays.
        const young = quiet.map((v, i) => (i < 64 || (i < 78 && weekdays[i] === 1) ? 0 : v));
        const expectation = cellExpectation(dailySeries('cell', young), weekdays, 85);
        expect(expectation.costNoise[4]).toBeGreaterThanOrEqual(1);
        expect(expectation.costFloor).toBeGreaterThan(70);
    });
});
