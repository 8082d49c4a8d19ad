import { quantile } from '../robustStats';
import { expectedSum } from './expectedSum';
import { ForecastParams } from './forecastParams';
import { studentQuantile } from './studentQuantile';

/** Forecast of the rest of a month and its interval, in the series' units (null: too little history to bound it). */
export interface Remaining {
    expected: number;
    lower: number | null;
    upper: number | null;
    /** Backtest origins the interval comes from (0: the short-history fallback was used). */
    origins: number;
}

/**
 * Forecast of the sum of the days (weekdays `futureWeekdays`) that follow `values`, a daily series ending on the
 * as-of day. The interval is empirical: the same forecast is made from every earlier day with `minTrainingDays` of
 * history, for as many days ahead, and the spread of log(actual ÷ forecast) around its median (10th to 90th
 * percentile for level 0.8), widened for the few independent windows it comes from, is put around the forecast. A
 * bursty series gets a wide interval because its own past forecasts missed widely; the interval contains the forecast.
 */
export function forecastRemaining(
    values: readonly number[],
    weekdays: readonly number[],
    futureWeekdays: readonly number[],
    p: ForecastParams,
): Remaining {
    const h = futureWeekdays.length;
    const expected = expectedSum(values, weekdays, values.length, futureWeekdays, p);
    if (h === 0) return { expected: 0, lower: 0, upper: 0, origins: 0 };
    let errors = backtestErrors(values, weekdays, h, p.minTrainingDays, p);
    // A young series: backtest from half the training history rather than not at all.
    if (errors.length < p.minOrigins) errors = backtestErrors(values, weekdays, h, p.minTrainingDays / 2, p);
    // One day says nothing of how the days vary: an interval from it would be no interval at all.
    if (errors.length < 3 && values.filter((v) => v > 0).length < 2)
        return { expected, lower: null, upper: null, origins: 0 };
    const tail = (1 - p.level) / 2;
    const centre = quantile(errors, 0.5);
    const spread =
        errors.length >= 3
            ? errors.map((e) => e - centre)
            : recentDeviations(values, weekdays, p).map((d) => d / Math.sqrt(h));
    // Overlapping windows: n origins hold about n ÷ h independent errors. Quantiles of so few underestimate the spread
    // of the next error; widen them as a prediction interval from n_eff samples does (Student t, √(1 + 1/n_eff)).
    const independent = Math.max(2, errors.length / h);
    const widen =
        (studentQuantile(1 - tail, independent - 1) / studentQuantile(1 - tail, 1e9)) * Math.sqrt(1 + 1 / independent);
    const low = Math.min(0, quantile(spread, tail)) * widen;
    const high = Math.max(0, quantile(spread, 1 - tail)) * widen;
    const origins = errors.length >= 3 ? errors.length : 0;
    return { expected, lower: expected * Math.exp(low), upper: expected * Math.exp(high), origins };
}

/** log(actual ÷ forecast) of the h-day sums forecast from every day with `training` days of history before it. */
function backtestErrors(
    values: readonly number[],
    weekdays: readonly number[],
    h: number,
    training: number,
    p: ForecastParams,
): number[] {
    const errors: number[] = [];
    for (let origin = Math.ceil(training); origin + h <= values.length; origin++) {
        const forecast = expectedSum(values, weekdays, origin, weekdays.slice(origin, origin + h), p);
        const actual = values.slice(origin, origin + h).reduce((a, b) => a + b, 0);
        // 1 % of the forecast on both sides keeps a zero actual finite.
        if (forecast > 0) errors.push(Math.log((actual + forecast / 100) / (forecast * 1.01)));
    }
    return errors;
}

/**
 * Short-history fallback: log deviations of recent weekday-adjusted days (weekdays seen twice or more) from their mean,
 * to be shrunk by √h as for a sum of h independent days. It ignores level changes, so it is narrower than it should
 * be; only series with less than minTrainingDays / 2 + 3 + h days of history use it.
 */
function recentDeviations(values: readonly number[], weekdays: readonly number[], p: ForecastParams): number[] {
    const start = Math.max(0, values.length - p.windowDays);
    const days = values.length - start;
    const mean = values.slice(start).reduce((a, b) => a + b, 0) / Math.max(days, 1);
    if (days === 0 || mean <= 0) return [0];
    const byWeekday = Array.from({ length: 7 }, (_, w) => {
        const same = values.slice(start).filter((_, i) => weekdays[start + i] === w);
        // A weekday seen once would be its own factor, and every day of a young series would deviate by nothing.
        return same.length >= 2 ? same.reduce((a, b) => a + b, 0) / same.length / mean : 1;
    });
    return values
        .slice(start)
        .map((value, i) => value / (byWeekday[weekdays[start + i] ?? 0] || 1) / mean)
        .map((ratio) => Math.log((ratio + 0.01) / 1.01));
}
