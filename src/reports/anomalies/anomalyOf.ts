import { decimalText, trimDecimal } from '../decimalText';
import type { Anomaly } from './incident';
import type { SeriesFlag } from './seriesFlags';

/** A flagged day of a series as an anomaly of `incident` (`lead`: what every series of its currency leads with). */
export function anomalyOf(
    f: SeriesFlag,
    dates: string[],
    lead: Record<string, string | null>,
    incident: string,
): Anomaly {
    const actual = f.metric === 'EffectiveCost' ? f.series.effectiveCost[f.index] : f.series.costPerMillion[f.index];
    return {
        date: dates[f.index] ?? '',
        metric: f.metric,
        currency: f.series.currency,
        dimensions: { ...lead, ...f.series.dimensions },
        actual: trimDecimal(actual ?? '0'),
        expected: decimalText(f.expected, 6),
        lower: decimalText(f.lower, 6),
        upper: decimalText(f.upper, 6),
        score: Math.round(f.score * 100) / 100,
        direction: f.direction,
        incident,
    };
}
