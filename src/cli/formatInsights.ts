import type { Anomaly } from '../reports/anomalies/detectAnomalies';
import type { Forecast } from '../reports/forecasts/forecastMonthEnd';
import { seriesLabel } from '../reports/seriesLabel';
import { formatColumns } from './formatTokenMatrix';

/** The JSON `finops-hub anomalies --json` prints for one anomaly. */
export function anomalyJson(a: Anomaly) {
    const { date, metric, dimensions, actual, expected, lower, upper, score, direction } = a;
    return { date, metric, dimensions, actual, expected, lower, upper, score, direction };
}

/** The JSON `finops-hub forecast --json` prints for one forecast. */
export function forecastJson(f: Forecast) {
    const { month, dimensions, monthToDate, forecast, lower, upper } = f;
    return { month, dimensions, monthToDate, forecast, lower, upper };
}

/** Anomalies as a fixed-width table, one per line. */
export function formatAnomalies(anomalies: Anomaly[], month: string): string {
    if (anomalies.length === 0) return `No anomalies in ${month}.\n`;
    const rows = anomalies.map((a) => [
        a.date,
        a.metric === 'EffectiveCost' ? 'cost' : 'per 1M tokens',
        seriesLabel(a.dimensions),
        a.direction,
        a.actual,
        a.expected,
        `${a.lower} – ${a.upper}`,
        a.score.toFixed(2),
    ]);
    const header = ['day', 'metric', 'series', 'direction', 'actual', 'expected', 'normal range', 'score'];
    return `${formatColumns([header, ...rows], 4)}\n`;
}

/** Forecasts as a fixed-width table. */
export function formatForecasts(forecasts: Forecast[], month: string): string {
    if (forecasts.length === 0) return `No AI cost to forecast in ${month}.\n`;
    const rows = forecasts.map((f) => [seriesLabel(f.dimensions), f.monthToDate, f.forecast, f.lower, f.upper]);
    const header = [
        `${month} (as of ${forecasts[0]?.asOf ?? '-'})`,
        'month to date',
        'forecast',
        '80 % low',
        '80 % high',
    ];
    return `${formatColumns([header, ...rows], 1)}\n`;
}
