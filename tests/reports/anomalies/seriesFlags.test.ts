import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { isWeekend } from '../../../src/reports/anomalies/seasonalBaseline';
import { seriesFlags } from '../../../src/reports/anomalies/seriesFlags';
import { dailySeries } from '../../helpers/dailySeries';

/** 0 = Sunday; day 0 is a Thursday, as 2026-01-01. */
const weekdays = Array.from({ length: 80 }, (_, i) => (i + 4) % 7);

describe('seriesFlags', () => {
    it('counts a level shift that began on a small weekend day as material by its working days', () => {
        // An application costing 100 on weekdays and 5 at weekends halves from Saturday 65 on: 2.50 that day, under 1 %
        // of the 1,000 all AI costs a day, then 50 a working day.
        const wobble = (i: number) => 1 + 0.02 * Math.sin(i * 2.3);
        const chat = weekdays.map((w, i) => (isWeekend(w) ? 5 : 100) * wobble(i) * (i >= 65 ? 0.5 : 1));
        const other = weekdays.map((_, i) => 900 * wobble(i + 1));
        const levels = [
            dailySeries(
                'level',
                chat.map((c, i) => c + (other[i] ?? 0)),
                {},
            ),
            dailySeries('level', chat, { x_TagApplication: 'chat' }),
        ];
        const flags = seriesFlags(levels, [], weekdays, 40, ANOMALY_PARAMS);
        expect(flags.map((f) => [f.series.dimensions, f.index, f.direction, f.levelShift])).toEqual([
            [{ x_TagApplication: 'chat' }, 65, 'drop', true],
        ]);
    });

    it('holds back a drop in cost that starts on one of the last two charge days, whose charges may still arrive', () => {
        // All AI cost, 1,000 a day ± 2 % for 80 days, drops to 40 % on `day`, the day before already to 60 % (half the
        // way in log units, so the drop is dated from it).
        const flagsOf = (day: number) => {
            const drop = (i: number) => (i === day ? 0.4 : i === day - 1 ? 0.6 : 1);
            const costs = weekdays.map((_, i) => 1000 * (1 + 0.02 * Math.sin(i * 2.3)) * drop(i));
            return seriesFlags([dailySeries('level', costs, {})], [], weekdays, 40, ANOMALY_PARAMS).map((f) => [
                f.index,
                f.start,
                f.direction,
            ]);
        };
        expect(flagsOf(79)).toEqual([]);
        expect(flagsOf(77)).toEqual([
            [76, 76, 'drop'],
            [77, 76, 'drop'],
        ]);
    });
});
