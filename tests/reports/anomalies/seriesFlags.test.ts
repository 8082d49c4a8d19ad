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

    it("leaves the days a series nested in a sum changed out of the sum's baseline, so they do not widen its band", () => {
        // A team's 100 a day rises ×2.5 on five days: events in its own series, within the noise of the 1,100 total.
        // On day 70 everything else rises 50 % for a day.
        const spikes = new Set([30, 36, 43, 50, 57]);
        const team = weekdays.map((_, i) => 100 * (1 + 0.01 * Math.sin(i * 1.7)) * (spikes.has(i) ? 2.5 : 1));
        const other = weekdays.map((_, i) => 1000 * (1 + 0.05 * Math.sin(i * 2.3)) * (i === 70 ? 1.5 : 1));
        const total = dailySeries(
            'level',
            team.map((c, i) => c + (other[i] ?? 0)),
            {},
        );
        const cell = dailySeries('cell', team, { x_TagApplication: 'chat' });
        const day70 = (cells: (typeof total)[]) =>
            seriesFlags([total], cells, weekdays, 60, ANOMALY_PARAMS).filter(
                (f) => f.series === total && f.index === 70,
            );
        expect(day70([cell]).map((f) => f.direction)).toEqual(['spike']);
        // Without the team's series its five days are noise of the total: the band is wider and day 70 within it.
        expect(day70([])).toEqual([]);
    });
});
