import { quotedString } from '@duckdb/node-api';

import { addMonths, monthBounds } from '../../../src/focus/months';
import { forecastMonthEnd } from '../../../src/reports/forecasts/forecastMonthEnd';
import { createSyntheticTable, syntheticHistory } from '../../helpers/syntheticHistory';
import { rowsOf, withConnection } from '../../helpers/withConnection';

const SEEDS = [101, 202, 303, 404, 505, 606];
const MONTHS = ['2026-02', '2026-03', '2026-04', '2026-05'];
const AS_OF_DAYS = [10, 20];

interface Outcome {
    day: number;
    series: string;
    error: number;
    covered: boolean;
}

describe('month-end forecast quality on synthetic AI cost histories', () => {
    it('backtests at day 10 and day 20 of each month: MAPE and 80 % interval coverage between 70 % and 90 %', async () => {
        const outcomes: Outcome[] = [];
        await withConnection(async (connection) => {
            for (const seed of SEEDS) {
                await createSyntheticTable(connection, syntheticHistory(seed), seed);
                for (const month of MONTHS) {
                    const totals = await rowsOf(
                        connection,
                        `select coalesce(x_ModelId, 'overall') as series, sum(EffectiveCost)::double as total
                         from synthetic_ai_unit_economics where strftime(x_ChargeDate, '%Y-%m') = ${quotedString(month)}
                         group by grouping sets ((x_ModelId), ())`,
                    );
                    const actual = new Map(totals.map((row) => [String(row.series), Number(row.total)]));
                    for (const day of AS_OF_DAYS) {
                        const asOf = `${month}-${String(day).padStart(2, '0')}`;
                        await connection.run(
                            `create or replace temp view ai_unit_economics as
                             select * from synthetic_ai_unit_economics where x_ChargeDate <= ${quotedString(asOf)}`,
                        );
                        const from = monthBounds(addMonths(month, -3)).first;
                        for (const forecast of await forecastMonthEnd(connection, { month, from })) {
                            const series = forecast.dimensions.x_ModelId ?? 'overall';
                            const truth = actual.get(series) ?? 0;
                            const [point, lower, upper] = [forecast.forecast, forecast.lower, forecast.upper].map(
                                Number,
                            );
                            outcomes.push({
                                day,
                                series,
                                error: Math.abs((point ?? 0) - truth) / truth,
                                covered: (lower ?? 0) <= truth && truth <= (upper ?? 0),
                            });
                        }
                    }
                }
            }
        });
        const summary = (label: string, picked: Outcome[]) => {
            const mape = (100 * picked.reduce((sum, o) => sum + o.error, 0)) / picked.length;
            const coverage = (100 * picked.filter((o) => o.covered).length) / picked.length;
            return `  ${label.padEnd(26)} MAPE ${mape.toFixed(1).padStart(5)} %  coverage ${coverage.toFixed(1)} % (n=${picked.length})`;
        };
        console.log(
            [
                `Month-end forecast backtest, ${SEEDS.length} synthetic histories × ${MONTHS.length} months:`,
                ...AS_OF_DAYS.map((day) =>
                    summary(
                        `as of day ${day}`,
                        outcomes.filter((o) => o.day === day),
                    ),
                ),
                summary(
                    'bursty model (DeepSeek-R1)',
                    outcomes.filter((o) => o.series === 'DeepSeek-R1'),
                ),
                summary('all', outcomes),
            ].join('\n'),
        );
        for (const picked of [outcomes, ...AS_OF_DAYS.map((day) => outcomes.filter((o) => o.day === day))]) {
            const coverage = picked.filter((o) => o.covered).length / picked.length;
            expect(coverage).toBeGreaterThanOrEqual(0.7);
            expect(coverage).toBeLessThanOrEqual(0.9);
        }
    });
});
