import { readFile } from 'node:fs/promises';

import { datasetOfRun } from '../focus/datasets/registry';
import { stagedFolder } from '../focus/layout';
import { parquetTotals } from '../focus/totals';
import type { InsightsPort } from './insightsPort';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { refreshUnderLease } from './refreshUnderLease';
import { sourceOf } from './release';
import { writeStagedManifest } from './stageRelease';

/**
 * After a run published its scope's month, recomputes that scope's AI insights (`deps.insights`, from the insights
 * registry) from the published AIUnitEconomics history: their datasets, staged by this refresh alone and swapped in
 * like any dataset (refreshUnderLease), then their documents (the HTML report,
 * `Reports/{yyyy}/{mm}/{scope}/ai-insights.html`), then logs what they announce (one line per new incident, which the
 * alert reads). The run has already succeeded: a failure here is logged, and the sweeper refreshes the month again
 * (refreshStaleInsights).
 */
export async function refreshInsights(run: RunRecord, deps: PipelineDeps): Promise<void> {
    const insights = deps.insights;
    if (!insights || !datasetOfRun(run).insights) return;
    await refreshUnderLease(
        run,
        {
            datasets: insights.datasets,
            where: `Insights ${run.scope} ${run.month}`,
            busy: 'another run is publishing them; left to the sweeper.',
            stage: (claim) => stageInsights(run, claim, insights, deps),
            published: async ({ documents, logLines }, lease) => {
                // Announced as soon as they are published (an alert reads these lines), before steps that may fail.
                for (const line of logLines) deps.log(line);
                for (const { name, text, contentType } of documents) {
                    await lease.fence();
                    await deps.ingestion.writeText(name, text, contentType);
                }
            },
        },
        deps,
    );
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
            for (const { dataset, name, path, currency } of computed.files) {
                await deps.ingestion.upload(path, `${stagedFolder(run, claim, dataset)}/${name}`);
                const totals = await parquetTotals(connection, path, [], currency);
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
