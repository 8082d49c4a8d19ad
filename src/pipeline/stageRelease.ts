import { join } from 'node:path';

import { HubDataset } from '../focus/datasets/hubDataset';
import { datasetFolder, FOLDER_MANIFEST, stagedFolder } from '../focus/layout';
import { assertBalanced } from '../focus/reconcile/assertBalanced';
import { sumTotals, Totals } from '../focus/totals';
import { composeRelease } from './composeRelease';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, PublishedSource, RunRecord } from './ports';
import { ownRelease, sourceOf } from './release';

/**
 * Completes a run's staged folders once every part is converted: for a dataset that composes its folders with
 * another export type's, first decides what the folder holds (composeRelease); checks that the folder reconciles with
 * its exports (input less documented changes is its output, per currency); then merges each derived dataset's
 * partials into its one file, and writes each folder's manifest.json (written last, as readers of a published folder
 * expect it to describe exactly the files beside it). Safe to repeat: every write replaces the previous one. Returns
 * the export runs the staged folders hold.
 */
export async function stageRelease(
    run: RunRecord,
    parts: PartRecord[],
    dataset: HubDataset,
    deps: PipelineDeps,
): Promise<PublishedSource[]> {
    const release = dataset.composition
        ? await composeRelease(run, parts, dataset, dataset.composition, deps)
        : ownRelease(run, parts, dataset);
    const folder = `Folder ${datasetFolder(dataset.name, run.month, run.scope)} of run ${run.runId}`;
    assertBalanced(sumTotals(release.files.map((file) => file.totals)), folder);
    await writeFolderManifest(run, dataset.name, release.files, deps, release.sources);
    for (const derived of dataset.derived) {
        const fileName = derived.fileName(run.runId);
        const names = release.partials[derived.name] ?? [];
        const totals = await deps.workspace.withScratch(async (dir) => {
            const partials = names.map((_, i) => join(dir, `${i}.parquet`));
            for (const [i, name] of names.entries()) await deps.ingestion.download(name, partials[i] ?? '');
            const merged = join(dir, 'merged.parquet');
            const result = await deps.workspace.withDuckDb((connection) => derived.merge(connection, partials, merged));
            await deps.ingestion.upload(merged, `${stagedFolder(run, derived.name)}/${fileName}`);
            return result;
        });
        const file = { name: fileName, totals, source: sourceOf(run) };
        await writeFolderManifest(run, derived.name, [file], deps, release.sources);
    }
    return release.sources;
}

/**
 * Writes the manifest.json of a run's staged dataset folder: the publishing run, its files with their totals and
 * the export run each comes from, and all those runs (`sources`).
 */
export async function writeFolderManifest(
    run: RunRecord,
    dataset: string,
    files: { name: string; totals: Totals; source?: PublishedSource }[],
    deps: PipelineDeps,
    sources: PublishedSource[] = [sourceOf(run)],
): Promise<void> {
    const manifest = {
        dataset,
        scope: run.scope,
        month: run.month,
        runId: run.runId,
        submittedTime: run.submittedTime,
        sourceManifest: run.manifest,
        sourceDataVersion: run.dataVersion,
        exportType: run.exportType,
        focusVersion: '1.2',
        stagedAt: nowIso(),
        ...sumTotals(files.map((file) => file.totals)),
        sources,
        files: files.map(({ name, totals, source = sourceOf(run) }) => ({
            name,
            ...totals,
            sourceRunId: source.runId,
            exportType: source.exportType,
        })),
    };
    const name = `${stagedFolder(run, dataset)}/${FOLDER_MANIFEST}`;
    await deps.ingestion.writeText(name, `${JSON.stringify(manifest, null, 2)}\n`, 'application/json');
}
