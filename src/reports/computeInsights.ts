import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import type { ObjectStore } from '../pipeline/ports';
import { analyseSelection } from './analyseSelection';
import { anomalyKey } from './anomalies/anomalyKey';
import { previousAnomalies } from './anomalies/previousAnomalies';
import { writeAnomalies } from './anomalies/writeAnomalies';
import { anomalyLogLine, AnomalySummary } from './anomalyLogLine';
import { writeForecasts } from './forecasts/writeForecasts';
import { buildReport } from './report/buildReport';

export interface InsightsRequest {
    /** The ingestion container: a blob store in Azure, a folder store on a laptop. */
    store: ObjectStore;
    /** Scope folder just republished, e.g. `subscriptions/<id>`. */
    scope: string;
    /** `YYYY-MM` just republished. */
    month: string;
    connection: DuckDBConnection;
    /** Local folder: inputs are downloaded under `inputs/`, and the three outputs are written into it. */
    workDir: string;
    /** When the report says it was generated (ISO 8601); default now. */
    generatedAt?: string;
}

export interface Insights {
    /** Anomalies dataset file, to publish as `Anomalies/{yyyy}/{mm}/{scope}/{runId}__anomalies.parquet`. */
    anomaliesParquet: string;
    /** Forecasts dataset file, to publish as `Forecasts/{yyyy}/{mm}/{scope}/{runId}__forecasts.parquet`. */
    forecastsParquet: string;
    /** Self-contained HTML report, to write to reportBlobName(scope, month). */
    reportHtml: string;
    /** The AIUnitEconomics run the insights were computed from (the runId to publish them under). */
    runId: string;
    summary: AnomalySummary;
    /** anomalyLogLine(summary): log it once the datasets are published. */
    logLine: string;
}

/**
 * Recomputes a scope's Anomalies and Forecasts for a month after its Costs (and AIUnitEconomics) were published, and
 * writes the report. Pure: takes the store and a DuckDB connection, reads no settings, publishes nothing.
 */
export async function computeInsights(request: InsightsRequest): Promise<Insights> {
    const { store, scope, month, connection, workDir } = request;
    const inputs = join(workDir, 'inputs');
    mkdirSync(inputs, { recursive: true });
    const analysis = await analyseSelection(connection, store, { scope, month }, inputs);
    const runId = analysis.history.folders.find((folder) => folder.month === month)?.runId ?? '';
    const previous = await previousAnomalies(connection, store, { scope, month }, inputs);
    const fresh = analysis.anomalies.filter(
        (a) => !previous.has(anomalyKey(a.date, a.metric, JSON.stringify(a.dimensions))),
    );
    const anomaliesParquet = join(workDir, 'anomalies.parquet');
    const forecastsParquet = join(workDir, 'forecasts.parquet');
    await writeAnomalies(connection, analysis.anomalies, { scope, runId }, anomaliesParquet);
    await writeForecasts(connection, analysis.forecasts, { scope, runId }, forecastsParquet);
    const reportHtml = join(workDir, 'report.html');
    const html = await buildReport(
        connection,
        store,
        analysis,
        { scope, scratchDir: join(inputs, 'capacity') },
        request.generatedAt,
    );
    writeFileSync(reportHtml, html, 'utf8');
    const summary: AnomalySummary = {
        scope,
        month,
        newAnomalies: fresh.length,
        highestScore: fresh.length === 0 ? null : Math.max(...fresh.map((a) => a.score)),
    };
    return { anomaliesParquet, forecastsParquet, reportHtml, runId, summary, logLine: anomalyLogLine(summary) };
}
