import type { DuckDBConnection } from '@duckdb/node-api';

import type { ObjectStore } from '../pipeline/ports';
import { Anomaly, detectAnomalies } from './anomalies/detectAnomalies';
import { Forecast, forecastMonthEnd } from './forecasts/forecastMonthEnd';
import { AiHistory, loadAiHistory, Selection } from './loadAiHistory';
import { monthBounds } from './months';

/** What the anomalies, forecast and report commands (and computeInsights) compute for one selection. */
export interface Analysis {
    history: AiHistory;
    /** Anomalies on the days of the selected month. */
    anomalies: Anomaly[];
    /** Month-end forecasts of the selected month, per model and overall. */
    forecasts: Forecast[];
}

/**
 * Loads the selected month's AIUnitEconomics with its history (view `ai_unit_economics`), then detects the month's
 * anomalies and forecasts its end.
 */
export async function analyseSelection(
    connection: DuckDBConnection,
    store: ObjectStore,
    selection: Selection,
    scratchDir: string,
): Promise<Analysis> {
    const history = await loadAiHistory(connection, store, selection, scratchDir);
    const judgeFrom = monthBounds(history.month).first;
    const anomalies = await detectAnomalies(connection, { from: history.from, through: history.through, judgeFrom });
    const forecasts = await forecastMonthEnd(connection, { month: history.month, from: history.from });
    return { history, anomalies, forecasts };
}
