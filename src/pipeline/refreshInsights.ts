import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ensureError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { retiredPrefix, stagedFolder } from '../focus/layout';
import { parquetTotals } from '../focus/totals';
import { computeInsights } from '../reports/computeInsights';
import { INSIGHT_DATASETS, INSIGHTS_DATASETS, insightsFileName, reportBlobName } from '../reports/insightsLayout';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { finishSwap, publishDatasets } from './publishDatasets';
import { acquireLease, leaseName } from './publishLease';
import { writeFolderManifest } from './stageRelease';

/**
 * After a run published its scope's month, recomputes that scope's AI insights from the published AIUnitEconomics
 * history: the Anomalies and Forecasts datasets (swapped in like any dataset, under their own lease) and the HTML
 * report (`Reports/{yyyy}/{mm}/{scope}/ai-insights.html`), then logs the anomaly line the alert reads. The run has
 * already succeeded: a failure here is logged, and the next publish of that scope and month computes them again.
 */
export async function refreshInsights(run: RunRecord, deps: PipelineDeps): Promise<void> {
    if (!deps.insights || !datasetOfRun(run).insights) return;
    const [first] = INSIGHT_DATASETS;
    try {
        const lease = await acquireLease(leaseName(first, run.month), { ...run, claim: randomUUID() }, deps);
        if (lease === 'busy') {
            deps.log(`Insights ${run.scope} ${run.month}: another run is publishing them; left to the next publish.`);
            return;
        }
        await finishSwap(lease, deps);
        const logLine = await stageInsights(run, deps);
        await publishDatasets(
            run,
            { dataset: first, phase: 'children', retired: retiredPrefix(run, new Date()) },
            lease,
            deps,
        );
        await lease.release();
        deps.log(logLine);
    } catch (error) {
        deps.log(`Insights ${run.scope} ${run.month} not refreshed: ${ensureError(error).message}`);
    } finally {
        for (const dataset of INSIGHT_DATASETS) await deps.ingestion.deleteFolder(stagedFolder(run, dataset));
    }
}

/** Computes the insights into the run's staged Anomalies and Forecasts folders and writes the report. */
async function stageInsights(run: RunRecord, deps: PipelineDeps): Promise<string> {
    return deps.workspace.withScratch((workDir) =>
        deps.workspace.withDuckDb(async (connection) => {
            const insights = await computeInsights({
                store: deps.ingestion,
                scope: run.scope,
                month: run.month,
                connection,
                workDir,
            });
            const outputs = [
                ['anomalies', insights.anomaliesParquet],
                ['forecasts', insights.forecastsParquet],
            ] as const;
            for (const [kind, path] of outputs) {
                const dataset = INSIGHTS_DATASETS[kind];
                const name = insightsFileName(run.runId, kind);
                await deps.ingestion.upload(path, `${stagedFolder(run, dataset)}/${name}`);
                const totals = await parquetTotals(connection, path, []);
                await writeFolderManifest(run, dataset, [{ name, totals }], deps);
            }
            const html = await readFile(insights.reportHtml, 'utf8');
            await deps.ingestion.writeText(reportBlobName(run.scope, run.month), html, 'text/html; charset=utf-8');
            return insights.logLine;
        }),
    );
}
