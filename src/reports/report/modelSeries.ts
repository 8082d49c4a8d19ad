import type { DailySeries } from '../anomalies/queryDailySeries';

/**
 * The series the cost per 1M tokens chart draws: the anomaly detector's judged series per model × token direction ×
 * deployment type in `currency`, cut to start on the first day any of them has cost (the history read may start
 * before the data).
 */
export function modelSeries(judged: readonly DailySeries[], currency: string): DailySeries[] {
    const series = judged.filter((s) => s.currency === currency && 'x_ModelId' in s.dimensions);
    const starts = series.map((s) => s.effectiveCost.findIndex((cost) => Number(cost) !== 0)).filter((i) => i >= 0);
    const start = starts.length > 0 ? Math.min(...starts) : 0;
    return series.map((s) => ({
        ...s,
        dates: s.dates.slice(start),
        effectiveCost: s.effectiveCost.slice(start),
        costPerMillion: s.costPerMillion.slice(start),
    }));
}
