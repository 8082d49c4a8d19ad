/** Parameters of the month-end forecast; docs/insights.md "Forecasts" gives the reasons for each value. */
export interface ForecastParams {
    /** Days the weekday factors and the daily rate look back over (8 weeks). */
    windowDays: number;
    /** Half-life of the exponential weights of the daily rate: recent days count more. */
    halfLifeDays: number;
    /** History a backtest origin needs before it. */
    minTrainingDays: number;
    /** Coverage of the interval (0.8: from the 10th to the 90th percentile of past errors). */
    level: number;
    /** Fewer backtest origins than this and the interval falls back to day-to-day variation. */
    minOrigins: number;
}

export const FORECAST_PARAMS: Readonly<ForecastParams> = Object.freeze({
    windowDays: 56,
    halfLifeDays: 7,
    minTrainingDays: 28,
    level: 0.8,
    minOrigins: 10,
});
