import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ensureError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { retiredPrefix, stagedFolder } from '../focus/layout';
import { parquetTotals } from '../focus/totals';
import type { InsightsPort } from './insightsPort';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { finishSwap, publishDatasets } from './publishDatasets';
import { acquireLease, leaseName } from './publishLease';
import { writeFolderManifest } from './stageRelease';

/**
 * After a run published its scope's month, recomputes that scope's AI insights (`deps.insights`, from the insights
 * registry) from the published AIUnitEconomics history: their datasets (swapped in like any dataset, under their own
 * lease) and the HTML report (`Reports/{yyyy}/{mm}/{scope}/ai-insights.html`), then logs what they announce (one line
 * per new incident, which the alert reads). The run has already succeeded: a failure here is logged, and the next
 * publish of that scope and month computes them again.
 */
export async function refreshInsights(run: RunRecord, deps: PipelineDeps): Promise<void> {
    const insights = deps.insights;
    const [first] = insights?.datasets ?? [];
    if (!insights || first === undefined || !datasetOfRun(run).insights) return;
    try {
        const lease = await acquireLease(leaseName(first, run.month), { ...run, claim: randomUUID() }, deps);
        if (lease === 'busy') {
            deps.log(`Insights ${run.scope} ${run.month}: another run is publishing them; left to the next publish.`);
            return;
        }
        await finishSwap(lease, deps);
        const logLines = await stageInsights(run, insights, deps);
        await publishDatasets(
            run,
            { dataset: first, phase: 'children', retired: retiredPrefix(run, new Date()) },
            lease,
            deps,
        );
        await lease.release();
        for (const line of logLines) deps.log(line);
    } catch (error) {
        deps.log(`Insights ${run.scope} ${run.month} not refreshed: ${ensureError(error).message}`);
    } finally {
        for (const dataset of insights.datasets) await deps.ingestion.deleteFolder(stagedFolder(run, dataset));
    }
}

/** Computes the insights into the run's staged dataset folders and writes their documents (the report). */
async function stageInsights(run: RunRecord, insights: InsightsPort, deps: PipelineDeps): Promise<string[]> {
    return deps.workspace.withScratch((workDir) =>
        deps.workspace.withDuckDb(async (connection) => {
            const computed = await insights.compute({
                store: deps.ingestion,
                scope: run.scope,
                month: run.month,
                runId: run.runId,
                connection,
                workDir,
            });
            for (const { dataset, name, path } of computed.files) {
                await deps.ingestion.upload(path, `${stagedFolder(run, dataset)}/${name}`);
                const totals = await parquetTotals(connection, path, []);
                await writeFolderManifest(run, dataset, [{ name, totals }], deps);
            }
            for (const { name, path, contentType } of computed.documents) {
                await deps.ingestion.writeText(name, await readFile(path, 'utf8'), contentType);
            }
            return computed.logLines;
        }),
    );
}
