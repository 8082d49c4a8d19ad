import type { DuckDBConnection } from '@duckdb/node-api';

import { decimalSum } from '../../focus/decimalSum';
import { loadSql } from '../../focus/loadAsset';
import { monthBounds } from '../../focus/months';
import { decimalText, trimDecimal } from '../decimalText';
import { FORECAST_PARAMS, ForecastParams } from './forecastParams';
import { forecastRemaining } from './forecastRemaining';

/** Month-end AI effective cost of one series. Amounts are decimal text in the billing currency. */
export interface Forecast {
    month: string;
    currency: string | null;
    /** `{"x_ModelId": …}` or `{}` overall; `BillingCurrency` leads when the data bills in several. */
    dimensions: Record<string, string | null>;
    /** Last charge day in the data (the month-to-date runs through it). */
    asOf: string;
    /** Exact Σ EffectiveCost of the month's days through `asOf`. */
    monthToDate: string;
    /**
     * Month-to-date plus the forecast of the remaining days, and the interval (level 0.8), to 2 decimals; for a closed
     * month, its total (all three).
     */
    forecast: string;
    /** null: the series has too little history (one day of cost) to bound its forecast. */
    lower: string | null;
    upper: string | null;
    /** The month is over (loadAiHistory), or its data runs through its last day. */
    closed: boolean;
}

interface Row {
    currency: string | null;
    dimensions: string;
    charge_date: string;
    effective_cost: string;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * Forecasts month-end AI effective cost per model and overall from view `ai_unit_economics`, with history from
 * `from`; for a closed month, gives its totals. Series with no cost this month and none expected are left out.
 */
export async function forecastMonthEnd(
    connection: DuckDBConnection,
    range: { month: string; from: string; closed?: boolean },
    params: ForecastParams = FORECAST_PARAMS,
): Promise<Forecast[]> {
    const { first, last } = monthBounds(range.month);
    const reader = await connection.runAndReadAll(loadSql('ai_daily_model_cost', __dirname), {
        from: range.from,
        through: last,
    });
    const series = new Map<string, Row[]>();
    for (const row of reader.getRowObjectsJson() as unknown as Row[]) {
        const id = `${row.currency ?? ''}\u0000${row.dimensions}`;
        const rows = series.get(id) ?? [];
        if (rows.push(row) === 1) series.set(id, rows);
    }
    const splitCurrency = new Set([...series.values()].map((rows) => rows[0]?.currency)).size > 1;
    return [...series.values()].flatMap((rows) => {
        const asOf = rows.at(-1)?.charge_date ?? first;
        const monthToDate = decimalSum(rows.filter((r) => r.charge_date >= first).map((r) => r.effective_cost));
        const closed = range.closed === true || asOf >= last;
        const future = closed ? [] : daysBetween(asOf < first ? first : nextDay(asOf), last).map(weekday);
        // The series starts on its first day with cost: days before it (before the model was used, or before the hub
        // had data) would drag the daily rate down.
        const used = rows.slice(
            Math.max(
                0,
                rows.findIndex((r) => Number(r.effective_cost) !== 0),
            ),
        );
        const values = used.map((r) => Number(r.effective_cost));
        const remaining = forecastRemaining(
            values,
            used.map((r) => weekday(r.charge_date)),
            future,
            params,
        );
        if (Number(monthToDate) === 0 && remaining.expected < 0.005) return [];
        const { currency } = rows[0] ?? { currency: null };
        const dimensions = JSON.parse(rows[0]?.dimensions ?? '{}') as Record<string, string | null>;
        // A closed month's total is exact; a forecast is rounded to cents.
        const total = (part: number) =>
            closed ? trimDecimal(monthToDate) : decimalText(Number(monthToDate) + part, 2);
        return [
            {
                month: range.month,
                currency,
                dimensions: splitCurrency ? { BillingCurrency: currency, ...dimensions } : dimensions,
                asOf,
                monthToDate: trimDecimal(monthToDate),
                forecast: total(remaining.expected),
                lower: remaining.lower === null ? null : total(remaining.lower),
                upper: remaining.upper === null ? null : total(remaining.upper),
                closed,
            },
        ];
    });
}

function nextDay(date: string): string {
    return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Days from `first` to `last` inclusive (none when first > last). */
function daysBetween(first: string, last: string): string[] {
    const days: string[] = [];
    for (let day = first; day <= last; day = nextDay(day)) days.push(day);
    return days;
}
