import { median } from '../robustStats';
import { AnomalyParams } from './anomalyParams';
import { compositionBreaks } from './compositionBreaks';
import type { AnomalyMetric } from './incident';
import { inSeries } from './inSeries';
import { Flag, judgeSeries } from './judgeSeries';
import type { DailySeries } from './queryDailySeries';

/** A flagged day of one judged series and metric. */
export interface SeriesFlag extends Flag {
    series: DailySeries;
    metric: AnomalyMetric;
}

/**
 * The values a metric judges in a series: cost per day, or cost per 1M tokens (null on days without tokens). A series
 * begins on its first day with cost: the days before it (before the model was used, or before the hub had data) have
 * no value rather than a cost of 0. A day whose net cost is negative (a refund or credit larger than its usage) has no
 * value either: it says nothing of usage, and it is no idle day (two of those make a series intermittent).
 */
export function metricValues(series: DailySeries, metric: AnomalyMetric): (number | null)[] {
    const first = series.effectiveCost.findIndex((cost) => Number(cost) !== 0);
    const usage = (value: number) => (value < 0 ? null : value);
    return metric === 'EffectiveCost'
        ? series.effectiveCost.map((cost, i) => (first < 0 || i < first ? null : usage(Number(cost))))
        : series.costPerMillion.map((value) => (value === null ? null : usage(Number(value))));
}

/**
 * The metrics a series is judged on: cost, and for a model series its cost per 1M tokens. The unit cost of a sum of
 * models (all AI, a tag value) moves whenever the mix of models moves; the cost series show that change of mix, and a
 * model's own unit cost shows a change of price.
 */
export function metricsOf(series: DailySeries): AnomalyMetric[] {
    return 'x_ModelId' in series.dimensions ? ['EffectiveCost', 'EffectiveCostPerMillionTokens'] : ['EffectiveCost'];
}

/**
 * The flagged days from `from` on of the series of one currency: the sums (`levels`) on both metrics, their finest
 * series (`cells`) on cost at the threshold plus `finestMargin`; each judged with the days its make-up changed among the
 * finest series. The finest series are judged first, then the sums, finer before coarser: a sum's cost baseline leaves
 * out the days of the spikes and drops of the series it holds, which, diluted in it, it would count as its own noise.
 * A change none of whose days moves cost by `minImpactShare` of a typical day of all AI cost is left out (a level shift:
 * none of the days that made it one, so one that began on a small weekend day counts by its working days), and so is a
 * drop in cost that starts on one of the `settlingDays` newest charge days (the day before the newest too: a drop
 * flagged on the newest day is dated from it when it already went half the way).
 */
export function seriesFlags(
    levels: DailySeries[],
    cells: DailySeries[],
    weekdays: readonly number[],
    from: number,
    p: AnomalyParams,
): SeriesFlag[] {
    const overall = levels.find((s) => Object.keys(s.dimensions).length === 0);
    const costs = overall?.effectiveCost.map(Number) ?? [];
    const typical = costs.map((_, i) => median(costs.slice(Math.max(0, i - p.recentDays), i)) || 0);
    const settling = weekdays.length - p.settlingDays;
    // There are many more finest series than sums, and a price is a model's: its series judges its cost per 1M tokens.
    const finest = { ...p, threshold: p.threshold + p.finestMargin };
    // A finest series' only member is itself, and it holds no other series: searching all the others for either would
    // take time quadratic in their number.
    const judged = [
        ...cells.map((series) => ({ series, q: finest, metrics: ['EffectiveCost' as const], members: [series] })),
        ...levels
            .map((series) => ({ series, q: p, metrics: metricsOf(series), members: cells }))
            .sort((a, b) => Object.keys(b.series.dimensions).length - Object.keys(a.series.dimensions).length),
    ];
    const changed: { series: DailySeries; days: number[] }[] = [];
    return judged.flatMap(({ series, q, metrics, members }) => {
        const breaks = compositionBreaks(series, members, p.compositionShare);
        const nested =
            series.grain === 'level'
                ? changed.filter((c) => c.series !== series && inSeries(series.dimensions, c.series.dimensions))
                : [];
        return metrics.flatMap((metric) => {
            const values = metricValues(series, metric);
            const impactOn = ({ index, expected }: { index: number; expected: number }) =>
                metric === 'EffectiveCost'
                    ? Math.abs((values[index] ?? 0) - expected)
                    : Number(series.tokenCost[index] ?? 0) * Math.abs(1 - expected / (values[index] || 1));
            const impact = (f: Flag) => Math.max(...(f.days ?? [f]).map(impactOn));
            const skip = metric === 'EffectiveCost' ? nested.flatMap((c) => c.days) : [];
            const { flags, changed: days } = judgeSeries(values, weekdays, from, q, breaks, undefined, skip);
            if (metric === 'EffectiveCost') changed.push({ series, days });
            const material = new Set(
                flags
                    .filter((f) => impact(f) >= p.minImpactShare * (typical[f.start] ?? 0))
                    .filter((f) => !(metric === 'EffectiveCost' && f.direction === 'drop' && f.start >= settling))
                    .map((f) => f.start),
            );
            return flags.filter((f) => material.has(f.start)).map((f) => ({ ...f, series, metric }));
        });
    });
}
