import { join } from 'node:path';

import { InputError, PipelineError } from '../errors';
import { HubDataset } from '../focus/datasets/hubDataset';
import { writeFolderManifest } from '../focus/folderManifest';
import { convertedFolder, datasetFolder, FOLDER_MANIFEST, stagedFolder } from '../focus/layout';
import { assertBalanced } from '../focus/reconcile/assertBalanced';
import { assertMerged } from '../focus/reconcile/assertMerged';
import { parquetTotals, sumTotals, Totals } from '../focus/totals';
import { composeRelease } from './composeRelease';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, PublishedSource, RunRecord } from './ports';
import { ownRelease, sourceOf } from './release';

/**
 * Builds the folders one publish attempt (`claim`) will install, once every part is converted: for a dataset that
 * composes its folders with another export type's, decides what the folder holds (composeRelease), otherwise copies
 * the run's converted parts; checks that the folder reconciles with its exports (input less documented changes is
 * its output, per currency); then merges each derived dataset's partials into its one file (holding exactly their
 * money, per currency), and writes each folder's manifest.json (last, as readers of a published folder expect it to
 * describe exactly the files beside it). Only this attempt writes there. `keepAlive` renews the publish lease between
 * files (HeldLease.keepAlive): however many files the folder has, its publish keeps the lease while it makes progress.
 */
export async function stageRelease(
    run: RunRecord,
    parts: PartRecord[],
    dataset: HubDataset,
    claim: string,
    keepAlive: () => Promise<void>,
    deps: PipelineDeps,
): Promise<void> {
    const release = dataset.composition
        ? await composeRelease(run, parts, dataset, dataset.composition, { claim, keepAlive }, deps)
        : ownRelease(run, parts, dataset);
    const folder = `Folder ${datasetFolder(dataset.name, run.month, run.scope)} of run ${run.runId}`;
    assertBalanced(sumTotals(release.files.map((file) => file.totals)), folder);
    if (!dataset.composition) {
        for (const file of release.files) {
            await keepAlive();
            const name = `${convertedFolder(run, dataset.name)}/${file.name}`;
            await deps.ingestion.copy(name, `${stagedFolder(run, claim, dataset.name)}/${file.name}`).catch(missing);
        }
    }
    await writeStagedManifest(run, claim, dataset.name, release.files, release.sources, deps);
    for (const derived of dataset.derived) {
        const fileName = derived.fileName(run.runId);
        const names = release.partials[derived.name] ?? [];
        const totals = await deps.workspace.withScratch(async (dir) => {
            const partials = names.map((_, i) => join(dir, `${i}.parquet`));
            for (const [i, name] of names.entries()) {
                await keepAlive();
                await deps.ingestion.download(name, partials[i] ?? '').catch(missing);
            }
            const merged = join(dir, 'merged.parquet');
            const result = await deps.workspace.withDuckDb(async (connection) => {
                const totals = await derived.merge(connection, partials, merged);
                const before = await parquetTotals(connection, partials, derived.totals, derived.currency);
                assertMerged(`${derived.name} of run ${run.runId}`, derived.totals, before, totals);
                return totals;
            });
            await deps.ingestion.upload(merged, `${stagedFolder(run, claim, derived.name)}/${fileName}`);
            return result;
        });
        const file = { name: fileName, totals, source: sourceOf(run) };
        await writeStagedManifest(run, claim, derived.name, [file], release.sources, deps);
    }
}

/** A converted part gone from staging (removed by hand) fails the run: the parts must be converted again. */
function missing(error: unknown): never {
    if (!(error instanceof InputError && error.code === 'PartMissing')) throw error;
    throw new PipelineError('StagingInvalid', `${error.message} A converted part was removed from staging.`);
}

/** Writes the manifest.json of a staged folder (src/focus/folderManifest.ts): the run, its files and their sources. */
export async function writeStagedManifest(
    run: RunRecord,
    claim: string,
    dataset: string,
    files: { name: string; totals: Totals; source: PublishedSource }[],
    sources: PublishedSource[],
    deps: PipelineDeps,
): Promise<void> {
    const text = writeFolderManifest({
        dataset,
        scope: run.scope,
        month: run.month,
        runId: run.runId,
        submittedTime: run.submittedTime,
        sourceManifest: run.manifest,
        sourceDataVersion: run.dataVersion,
        exportType: run.exportType,
        stagedAt: nowIso(deps),
        files,
        sources,
    });
    await deps.ingestion.writeText(`${stagedFolder(run, claim, dataset)}/${FOLDER_MANIFEST}`, text, 'application/json');
}
