import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ensureError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { claimFolder, retiredPrefix, stagedFolder } from '../focus/layout';
import { parquetTotals } from '../focus/totals';
import { finishSwap } from './finishSwap';
import type { InsightsPort } from './insightsPort';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { acquireLease, HeldLease, leaseName } from './publishLease';
import { sourceOf } from './release';
import { writeStagedManifest } from './stageRelease';

/**
 * After a run published its scope's month, recomputes that scope's AI insights (`deps.insights`, from the insights
 * registry) from the published AIUnitEconomics history: their datasets, staged by this refresh alone and swapped in
 * like any dataset (fenced, under their own lease), then their documents (the HTML report,
 * `Reports/{yyyy}/{mm}/{scope}/ai-insights.html`), then logs what they announce (one line per new incident, which the
 * alert reads). The run has already succeeded: a failure here is logged, and the sweeper refreshes the month again
 * (refreshStaleInsights). Once the swap has begun nothing here removes a folder: a swap left half done is the next
 * lease holder's to finish.
 */
export async function refreshInsights(run: RunRecord, deps: PipelineDeps): Promise<void> {
    const insights = deps.insights;
    const [first] = insights?.datasets ?? [];
    if (!insights || first === undefined || !datasetOfRun(run).insights) return;
    const claim = randomUUID();
    let swapping = false;
    // Held while this refresh stages into its own folders: released if that fails, so the next publish need not wait.
    let staging: HeldLease | undefined;
    try {
        const lease = await acquireLease(leaseName(first, run.month), { ...run, claim }, deps);
        if (lease === 'busy') {
            deps.log(`Insights ${run.scope} ${run.month}: another run is publishing them; left to the sweeper.`);
            return;
        }
        await finishSwap(lease, deps);
        staging = lease;
        const { documents, logLines } = await stageInsights(run, claim, insights, deps);
        swapping = true;
        staging = undefined;
        const retired = retiredPrefix(run, new Date(deps.clock()));
        await publishDatasets(run, { claim, dataset: first, phase: 'children', retired }, lease, deps);
        // Announced as soon as they are published (an alert reads these lines), before the steps that may still fail.
        for (const line of logLines) deps.log(line);
        for (const { name, text, contentType } of documents) {
            await lease.fence();
            await deps.ingestion.writeText(name, text, contentType);
        }
        await lease.release();
        await deps.ingestion.deleteFolder(claimFolder(run, claim));
    } catch (error) {
        deps.log(`Insights ${run.scope} ${run.month} not refreshed: ${ensureError(error).message}`);
        if (!swapping) await deps.ingestion.deleteFolder(claimFolder(run, claim)).catch(() => undefined);
        await staging?.release().catch(() => undefined);
    }
}

/** Computes the insights into this refresh's staged dataset folders; returns their documents and log lines. */
async function stageInsights(run: RunRecord, claim: string, insights: InsightsPort, deps: PipelineDeps) {
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
                await deps.ingestion.upload(path, `${stagedFolder(run, claim, dataset)}/${name}`);
                const totals = await parquetTotals(connection, path, []);
                const files = [{ name, totals, source: sourceOf(run) }];
                await writeStagedManifest(run, claim, dataset, files, [sourceOf(run)], deps);
            }
            const documents = await Promise.all(
                computed.documents.map(async ({ name, path, contentType }) => ({
                    name,
                    contentType,
                    text: await readFile(path, 'utf8'),
                })),
            );
            return { documents, logLines: computed.logLines };
        }),
    );
}
