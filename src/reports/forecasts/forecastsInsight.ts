import type { Insight } from '../insight';
import { Forecast, forecastMonthEnd } from './forecastMonthEnd';
import { forecastsJson, formatForecasts } from './formatForecasts';
import { forecastsDatasetSql, writeForecasts } from './writeForecasts';

/** Month-end AI effective cost, overall and per model, with an 80 % interval (docs/insights.md "Forecasts"). */
export const forecastsInsight: Insight<Forecast[]> = {
    name: 'forecast',
    description: 'Print the month-end AI effective cost forecast, overall and per model, with an 80 % interval.',
    analyse: ({ connection, history }) =>
        forecastMonthEnd(connection, { month: history.month, from: history.from, closed: history.closed }),
    json: forecastsJson,
    text: formatForecasts,
    dataset: {
        name: 'Forecasts',
        view: 'forecasts',
        currency: 'BillingCurrency',
        write: writeForecasts,
        empty: () => ({
            sql: forecastsDatasetSql(),
            values: { forecasts: '[]', level: 0, scope: null, source_run_id: null },
        }),
    },
};
