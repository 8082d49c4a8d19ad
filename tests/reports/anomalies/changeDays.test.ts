import { Expectations } from '../../../src/reports/anomalies/cellImpacts';
import { changeEnd } from '../../../src/reports/anomalies/changeDays';
import { isWeekend } from '../../../src/reports/anomalies/seasonalBaseline';
import { dailySeries } from '../../helpers/dailySeries';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = Array.from({ length: 80 }, (_, i) => (i + 4) % 7);

describe('changeEnd', () => {
    // A team's service costs 100 a working day and 60 at weekends (± 3 %); from Thursday 63 its weekday use triples.
    const costsWith = (weekend: (i: number) => number) =>
        weekdays.map((w, i) => {
            const wobble = 1 + 0.03 * Math.sin(i * 2.3);
            return (isWeekend(w) ? 60 * weekend(i) : i >= 63 ? 300 : 100) * wobble;
        });
    const endOf = (costs: number[]) => {
        const cell = dailySeries('cell', costs);
        const change = { metric: 'EffectiveCost' as const, cause: cell.dimensions, first: 63, sign: 1, span: 4 };
        return changeEnd([cell], new Expectations(weekdays), change);
    };

    it('does not end a change that began on a weekday at a weekend it left alone', () => {
        expect(endOf(costsWith(() => 1))).toBeUndefined();
    });

    it('ends it when it went back on the days of its own kind', () => {
        // The same rise, over after Friday 64: Monday 67 is back at 100.
        const costs = costsWith(() => 1).map((c, i) => (i >= 67 && !isWeekend(weekdays[i]) ? c / 3 : c));
        expect(endOf(costs)).toBe(64);
    });

    it('is not made lasting by weekend days that carried it, when the weekdays after went back', () => {
        // Tripled from Thursday 63 through Sunday 66 (its weekend too), back to 100 on Monday 67: four days carried it,
        // but only two of them were working days.
        const costs = costsWith((i) => (i >= 63 && i <= 66 ? 3 : 1)).map((c, i) =>
            i >= 67 && !isWeekend(weekdays[i]) ? c / 3 : c,
        );
        expect(endOf(costs)).toBe(66);
    });
});
