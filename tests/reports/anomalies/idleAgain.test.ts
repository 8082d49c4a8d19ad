import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { idleAgain } from '../../../src/reports/anomalies/idleAgain';
import { isWeekend } from '../../../src/reports/anomalies/seasonalBaseline';
import { dailySeries } from '../../helpers/dailySeries';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = Array.from({ length: 80 }, (_, i) => (i + 4) % 7);

describe('idleAgain', () => {
    // A team's series costs 100 a day and nothing on days 70 and 71 (a Friday and a Saturday).
    const costsWith = (idle: (i: number) => boolean) =>
        weekdays.map((_, i) => (idle(i) || i === 70 || i === 71 ? 0 : 100));
    /** Whether the drop on days 70–71 of the finest series with these costs is them going idle again. */
    const idle = (...costs: number[][]) =>
        idleAgain(
            costs.map((c) => dailySeries('cell', c)),
            { first: 70, last: 71, lookBack: ANOMALY_PARAMS.windowDays },
            weekdays,
        );
    const idleOnce = costsWith((i) => i === 48);
    const neverIdle = costsWith(() => false);

    it('takes a drop to nothing for a series that went idle on a working day in the weeks before', () => {
        expect(idle(idleOnce)).toBe(true);
    });

    it('does not for one that never went idle, or only on the weekends it has off, or that still has cost', () => {
        expect(idle(neverIdle)).toBe(false);
        expect(idle(costsWith((i) => isWeekend(weekdays[i])))).toBe(false);
        expect(idle(idleOnce.map((c, i) => (i === 71 ? 50 : c)))).toBe(false);
    });

    it("counts idle days only from a new series' first cost, and asks it of every cell of the cause", () => {
        expect(idle(costsWith((i) => i < 60))).toBe(false);
        expect(idle(idleOnce, neverIdle)).toBe(false);
        expect(idle()).toBe(false);
    });
});
