import { compositionBreaks } from '../../../src/reports/anomalies/compositionBreaks';
import { dailySeries } from '../../helpers/dailySeries';

const days = 80;
const team = (name: string) => ({ x_TagApplication: name });
/** A finest series of team chat (or `dimensions`) costing `cost(i)` on day i. */
const cell = (cost: (i: number) => number, dimensions: Record<string, string | null> = team('chat')) =>
    dailySeries(
        'cell',
        Array.from({ length: days }, (_, i) => cost(i)),
        dimensions,
    );

describe('compositionBreaks', () => {
    it('finds the days a material finest series starts or stops, each known only from the days before it is judged', () => {
        const cells = [
            cell(() => 100),
            cell((i) => (i < 40 ? 30 : 0)), // stops on day 40: known once idle 7 days, on day 47
            cell((i) => (i >= 55 ? 50 : 0)), // starts on day 55: known after its first 3 days
            cell((i) => (i >= 30 ? 5 : 0)), // under 10 % of the series: moves it less than its noise
            cell((i) => (i % 10 < 7 ? 20 : 0)), // idle 3 days in 10: neither starts nor stops
            cell((i) => (i >= 20 ? 200 : 0), team('search')), // another series
        ];
        const chat = dailySeries(
            'level',
            Array.from({ length: days }, (_, i) =>
                cells.slice(0, 5).reduce((sum, c) => sum + Number(c.effectiveCost[i]), 0),
            ),
            team('chat'),
        );
        expect(compositionBreaks(chat, cells, 0.1)).toEqual([
            { day: 40, known: 47 },
            { day: 55, known: 58 },
        ]);
    });

    it('does not count the first finest series of a series as a start, nor a series that ends with the data', () => {
        const first = cell((i) => (i >= 10 ? 100 : 0));
        const last = cell((i) => (i >= 10 && i < 75 ? 100 : 0));
        const chat = dailySeries(
            'level',
            Array.from({ length: days }, (_, i) => Number(first.effectiveCost[i]) + Number(last.effectiveCost[i])),
            team('chat'),
        );
        expect(compositionBreaks(chat, [first, last], 0.1)).toEqual([]);
    });
});
