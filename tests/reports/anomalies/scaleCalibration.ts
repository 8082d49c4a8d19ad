/**
 * Calibration harness for the detector's noise scale: not part of `npm test` (its name does not end in `.test.ts`).
 * Run it on the tuning seeds with
 *
 *     npx jest --testMatch '**\/scaleCalibration.ts' --maxWorkers=1
 *
 * (`CORPUS_SEEDS=1-30` by default; `CORPUS_PARAMS` overrides parameters, as for calibrateIncidents.ts). For each cost
 * series the detector watches whose cells are all used every day, and each day from FIRST_EVENT_DAY on that no
 * injected spike or drop touches, it compares the scale seasonalBaseline gives (the injected spike and drop days left
 * out, the level shift taken as the last injected level shift or price change of the series) with the series' true
 * noise that day as the generator makes it: the sd of the sum of its cells' noise in log units, each cell weighing its
 * noiseless cost that day. It prints the median and the 90th and 95th percentiles of scale ÷ true noise per kind of day.
 */
import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { compositionBreaks } from '../../../src/reports/anomalies/compositionBreaks';
import { inSeries } from '../../../src/reports/anomalies/inSeries';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { isWeekend, seasonalBaseline } from '../../../src/reports/anomalies/seasonalBaseline';
import { metricValues } from '../../../src/reports/anomalies/seriesFlags';
import { quantile } from '../../../src/reports/robustStats';
import {
    CorpusCell,
    CorpusHistory,
    corpusHistory,
    FIRST_EVENT_DAY,
    loadCorpusHistory,
} from '../../helpers/anomalyCorpus';
import { withConnection } from '../../helpers/withConnection';

const seeds = (process.env.CORPUS_SEEDS ?? '1-30').split(',').flatMap((part) => {
    const [low = 1, high = low] = part.split('-').map(Number);
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
});

/** A cell's cost on `day` without noise: level, trend, weekend factor, cached inputs' discount, lasting events. */
function noiseless(history: CorpusHistory, c: CorpusCell, day: number, weekend: boolean): number {
    if (day < c.from || day > c.to) return 0;
    const lasting = history.events.filter(
        (e) => e.cells.includes(c.id) && e.day <= day && (e.kind === 'levelShift' || e.kind === 'priceChange'),
    );
    const factor = lasting.reduce((product, e) => product * e.factor, 1);
    return c.level * Math.exp(c.trend * day) * (weekend ? c.weekend : 1) * (1 - 0.75 * c.cachedShare) * factor;
}

/** The sd of a sum of cells' noise on `day`, in log units (the generator's noise model, see anomalyCorpus.ts). */
function trueNoise(history: CorpusHistory, cells: CorpusCell[], day: number, weekend: boolean): number {
    let variance = 0;
    let total = 0;
    for (const c of cells) {
        const cost = noiseless(history, c, day, weekend);
        if (cost === 0) continue;
        const base = Math.exp(c.trend * day) * (weekend ? c.weekend : 1);
        const usage = c.noise === 'additive' ? c.sigma / base : c.sigma;
        const cache = (0.075 * c.cachedShare) / (1 - 0.75 * c.cachedShare);
        variance += (cost * Math.hypot(usage, cache)) ** 2;
        total += cost;
    }
    return Math.sqrt(variance) / total;
}

describe('noise scale calibration', () => {
    it('compares the scale of each judged day with the true noise of its series', async () => {
        const p = { ...ANOMALY_PARAMS, ...(JSON.parse(process.env.CORPUS_PARAMS ?? '{}') as object) };
        const ratios = new Map<string, number[]>();
        const add = (kind: string, ratio: number) => ratios.set(kind, [...(ratios.get(kind) ?? []), ratio]);
        await withConnection(async (connection) => {
            for (const seed of seeds) {
                const history = corpusHistory(seed);
                await loadCorpusHistory(connection, history);
                const series = await queryDailySeries(connection, { from: history.start, through: '2026-12-31' });
                const weekdays = (series[0]?.dates ?? []).map((d) => new Date(`${d}T00:00:00Z`).getUTCDay());
                for (const s of series.filter((x) => x.grain === 'level')) {
                    const cells = history.cells.filter((c) => inSeries(s.dimensions, c.dimensions));
                    if (cells.length === 0 || cells.some((c) => c.density < 1)) continue;
                    const events = history.events.filter((e) => e.cells.some((id) => cells.some((c) => c.id === id)));
                    const flagged = new Set(
                        events
                            .filter((e) => e.kind === 'spike' || e.kind === 'drop')
                            .flatMap((e) => Array.from({ length: e.days }, (_, k) => e.day + k)),
                    );
                    const values = metricValues(s, 'EffectiveCost');
                    const breaks = compositionBreaks(
                        s,
                        series.filter((x) => x.grain === 'cell'),
                        p.compositionShare,
                    );
                    for (let t = FIRST_EVENT_DAY; t < values.length; t++) {
                        if (!((values[t] ?? 0) > 0) || flagged.has(t)) continue;
                        const shifts = events.filter((e) => e.kind === 'levelShift' || e.kind === 'priceChange');
                        const before = shifts.filter((e) => e.day <= t).map((e) => e.day);
                        const since = Math.max(0, ...before);
                        const steps = breaks.filter((b) => b.known <= t).map((b) => b.day);
                        const base = seasonalBaseline(values, weekdays, t, p, before, flagged, steps);
                        if (!base) continue;
                        const weekend = isWeekend(weekdays[t]);
                        const ratio = base.scale / trueNoise(history, cells, t, weekend);
                        const changed = cells.some(
                            (c) => (c.from > t - 56 && c.from > 0) || (c.to >= t - 56 && c.to < t),
                        );
                        const window =
                            since > t - p.windowDays
                                ? 'level shift in window'
                                : changed
                                  ? 'series starts or stops in window'
                                  : 'steady window';
                        const shape = cells.length > 1 ? 'sum of cells' : `one ${cells[0]?.noise ?? ''} cell`;
                        for (const kind of ['all', window, `${window}, ${weekend ? 'weekend' : 'weekday'}`, shape])
                            add(kind, ratio);
                    }
                }
            }
        });
        console.log(
            [
                `Seeds ${process.env.CORPUS_SEEDS ?? '1-30'}: scale ÷ true noise on days without an injected spike or drop`,
                ...[...ratios]
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(
                        ([kind, r]) =>
                            `  ${kind.padEnd(42)} n ${String(r.length).padStart(5)}  median ${quantile(r, 0.5).toFixed(2)}  p90 ${quantile(r, 0.9).toFixed(2)}  p95 ${quantile(r, 0.95).toFixed(2)}`,
                    ),
            ].join('\n'),
        );
        expect(ratios.get('all')?.length).toBeGreaterThan(0);
    });
});
