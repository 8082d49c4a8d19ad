import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ensureError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { claimFolder, retiredPrefix, stagedFolder } from '../focus/layout';
import { parquetTotals } from '../focus/totals';
import { computeInsights } from '../reports/computeInsights';
import { INSIGHT_DATASETS, INSIGHTS_DATASETS, insightsFileName, reportBlobName } from '../reports/insightsLayout';
import { finishSwap } from './finishSwap';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { acquireLease, leaseName } from './publishLease';
import { sourceOf } from './release';
import { writeStagedManifest } from './stageRelease';

/**
 * After a run published its scope's month, recomputes that scope's AI insights from the published AIUnitEconomics
 * history: the Anomalies and Forecasts datasets, staged by this refresh alone and swapped in like any dataset (fenced,
 * under their own lease), then the HTML report (`Reports/{yyyy}/{mm}/{scope}/ai-insights.html`), then logs the anomaly
 * line the alert reads. The run has already succeeded: a failure here is logged, and the sweeper refreshes the month
 * again (refreshStaleInsights). Once the swap has begun nothing here removes a folder: a swap left half done is the
 * next lease holder's to finish.
 */
export async function refreshInsights(run: RunRecord, deps: PipelineDeps): Promise<void> {
    if (!deps.insights || !datasetOfRun(run).insights) return;
    const [first] = INSIGHT_DATASETS;
    const claim = randomUUID();
    let swapping = false;
    try {
        const lease = await acquireLease(leaseName(first, run.month), { ...run, claim }, deps);
        if (lease === 'busy') {
            deps.log(`Insights ${run.scope} ${run.month}: another run is publishing them; left to the sweeper.`);
            return;
        }
        await finishSwap(lease, deps);
        const { logLine, html } = await stageInsights(run, claim, deps);
        swapping = true;
        const retired = retiredPrefix(run, new Date(deps.clock()));
        await publishDatasets(run, { claim, dataset: first, phase: 'children', retired }, lease, deps);
        await lease.fence();
        await deps.ingestion.writeText(reportBlobName(run.scope, run.month), html, 'text/html; charset=utf-8');
        await lease.release();
        await deps.ingestion.deleteFolder(claimFolder(run, claim));
        deps.log(logLine);
    } catch (error) {
        deps.log(`Insights ${run.scope} ${run.month} not refreshed: ${ensureError(error).message}`);
        if (!swapping) await deps.ingestion.deleteFolder(claimFolder(run, claim)).catch(() => undefined);
    }
}

/** Computes the insights into this refresh's staged Anomalies and Forecasts folders; returns the report and log line. */
async function stageInsights(run: RunRecord, claim: string, deps: PipelineDeps) {
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
                await deps.ingestion.upload(path, `${stagedFolder(run, claim, dataset)}/${name}`);
                const totals = await parquetTotals(connection, path, []);
                const files = [{ name, totals, source: sourceOf(run) }];
                await writeStagedManifest(run, claim, dataset, files, [sourceOf(run)], deps);
            }
            return { logLine: insights.logLine, html: await readFile(insights.reportHtml, 'utf8') };
        }),
    );
}
