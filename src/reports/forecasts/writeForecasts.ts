import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import { writeDatasetParquet } from '../writeDatasetParquet';
import type { Forecast } from './forecastMonthEnd';
import { FORECAST_PARAMS } from './forecastParams';

/** The Forecasts dataset step (`sql/forecasts_dataset.sql`): rows from bound JSON $forecasts, $level, $scope, $source_run_id. */
export function forecastsDatasetSql(): string {
    return loadSql('forecasts_dataset', __dirname);
}

/**
 * Writes forecasts as a Forecasts dataset file (columns in docs/insights.md "Dataset `Forecasts`"); returns the row
 * count.
 */
export function writeForecasts(
    connection: DuckDBConnection,
    forecasts: Forecast[],
    source: { scope: string; runId: string },
    outPath: string,
): Promise<number> {
    return writeDatasetParquet(
        connection,
        forecastsDatasetSql(),
        {
            forecasts: JSON.stringify(forecasts),
            level: FORECAST_PARAMS.level,
            scope: source.scope,
            source_run_id: source.runId,
        },
        outPath,
    );
}
