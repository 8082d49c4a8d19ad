import { formatColumns } from '../formatColumns';
import { seriesLabel } from '../seriesLabel';
import type { Forecast } from './forecastMonthEnd';

/** What `finops-hub forecast --json` prints for each series. */
export function forecastsJson(forecasts: Forecast[]) {
    return {
        forecasts: forecasts.map(({ month, dimensions, monthToDate, forecast, lower, upper, closed }) => ({
            month,
            dimensions,
            monthToDate,
            forecast,
            lower,
            upper,
            closed,
        })),
    };
}

/** Forecasts as a fixed-width table; a closed month as its totals. */
export function formatForecasts(forecasts: Forecast[], month: string): string {
    if (forecasts.length === 0) return `No AI cost to forecast in ${month}.\n`;
    if (forecasts.every((f) => f.closed)) {
        const rows = forecasts.map((f) => [seriesLabel(f.dimensions), f.monthToDate]);
        return `${formatColumns([[`${month} (closed)`, 'total'], ...rows], 1)}\n`;
    }
    const rows = forecasts.map((f) => [
        seriesLabel(f.dimensions),
        f.monthToDate,
        f.forecast,
        f.lower ?? '-',
        f.upper ?? '-',
    ]);
    const header = [
        `${month} (as of ${forecasts[0]?.asOf ?? '-'})`,
        'month to date',
        'forecast',
        '80 % low',
        '80 % high',
    ];
    return `${formatColumns([header, ...rows], 1)}\n`;
}
