import { idleAgain } from '../../../src/reports/anomalies/idleAgain';
import { isWeekend } from '../../../src/reports/anomalies/seasonalBaseline';
import { dailySeries } from '../../helpers/dailySeries';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = Array.from({ length: 80 }, (_, i) => (i + 4) % 7);
const drop = { first: 70, last: 71 };

describe('idleAgain', () => {
    // A team's series costs 100 a day and nothing on days 70 and 71 (a Friday and a Saturday).
    const costsWith = (idle: (i: number) => boolean) =>
        weekdays.map((_, i) => (idle(i) || i === 70 || i === 71 ? 0 : 100));

    it('takes a drop to nothing for a series that went idle on a working day in the weeks before', () => {
        expect(
            idleAgain(
                [
                    dailySeries(
                        'cell',
                        costsWith((i) => i === 48),
                    ),
                ],
                drop,
                weekdays,
            ),
        ).toBe(true);
    });

    it('does not for one that never went idle, or only on the weekends it has off, or that still has cost', () => {
        expect(
            idleAgain(
                [
                    dailySeries(
                        'cell',
                        costsWith(() => false),
                    ),
                ],
                drop,
                weekdays,
            ),
        ).toBe(false);
        const weekendsOff = costsWith((i) => isWeekend(weekdays[i]));
        expect(idleAgain([dailySeries('cell', weekendsOff)], drop, weekdays)).toBe(false);
        const halfway = costsWith((i) => i === 48).map((c, i) => (i === 71 ? 50 : c));
        expect(idleAgain([dailySeries('cell', halfway)], drop, weekdays)).toBe(false);
    });

    it('counts idle days only from a new series\u2019 first cost, and asks it of every cell of the cause', () => {
        const young = costsWith((i) => i < 60);
        expect(idleAgain([dailySeries('cell', young)], drop, weekdays)).toBe(false);
        const idleOne = dailySeries(
            'cell',
            costsWith((i) => i === 48),
        );
        expect(
            idleAgain(
                [
                    idleOne,
                    dailySeries(
                        'cell',
                        costsWith(() => false),
                    ),
                ],
                drop,
                weekdays,
            ),
        ).toBe(false);
        expect(idleAgain([], drop, weekdays)).toBe(false);
    });
});
