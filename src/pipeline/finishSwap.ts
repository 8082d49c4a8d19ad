import { PipelineError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { FolderManifest } from '../focus/folderManifest';
import { claimFolder, datasetFolder, stagedFolder } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { Lease, RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { HeldLease } from './publishLease';
import { readManifestOf } from './readPublishedFolder';
import { recordFailure } from './recordFailure';

/**
 * Finishes the swap a lease records (a crashed holder's, or the same run's from an earlier attempt), then removes the
 * folders of the attempt that staged it. A staged folder found unusable is rolled back (see swapFolder) and logged:
 * its run stages again when it is next claimed. A swap whose run record is gone is finished from its staged manifest,
 * and the run is recorded as failed with `SwapOrphaned`, which raises the failed-runs alert.
 */
export async function finishSwap(lease: HeldLease, deps: PipelineDeps): Promise<void> {
    const { swap } = lease.current();
    if (!swap) return;
    const stored = (await deps.runs.getRun(swap.run))?.value;
    const run = stored ?? (await orphanRun(swap, lease.current(), deps));
    deps.log(`Run ${run.runId}: finishing its interrupted publish of ${swap.dataset} (${swap.phase}).`);
    try {
        await publishDatasets(run, swap, lease, deps);
    } catch (error) {
        if (!(error instanceof PipelineError && error.code === 'StagingInvalid')) throw error;
        deps.log(error.message);
    }
    await deps.ingestion.deleteFolder(claimFolder(run, swap.claim));
    if (!stored) {
        const why = `Its record was missing while the lease ${lease.current().name} recorded its folder swap (${swap.dataset}, ${swap.phase}); the sweeper finished or rolled back that swap from its staged manifest.json.`;
        await recordFailure(
            run,
            new PipelineError(
                'SwapOrphaned',
                `${why} Re-run the export; find out what deletes run records from the run table.`,
            ),
            deps,
        );
    }
}

/** A run record rebuilt for a swap whose record is gone: from the staged manifest, or the one it installed. */
async function orphanRun(swap: NonNullable<Lease['swap']>, lease: Lease, deps: PipelineDeps): Promise<RunRecord> {
    const month = lease.name.slice(lease.name.lastIndexOf('/') + 1);
    const read = (folder: string) => readManifestOf(deps.ingestion, folder).catch(() => undefined);
    const staged = await read(stagedFolder(swap.run, swap.claim, swap.dataset));
    const installed = staged ?? (await read(datasetFolder(swap.dataset, month, swap.run.scope)));
    const manifest: FolderManifest | undefined = installed?.runId === swap.run.runId ? installed : undefined;
    const run: RunRecord = {
        ...swap.run,
        manifest: manifest?.sourceManifest ?? '',
        dataset: swap.dataset,
        exportType: manifest?.exportType ?? '',
        dataVersion: manifest?.sourceDataVersion ?? '',
        month,
        submittedTime: manifest?.submittedTime ?? '',
        status: 'publishing',
        partCount: 0,
        startedAt: nowIso(deps),
    };
    try {
        return { ...run, dataset: datasetOfRun(run).name };
    } catch {
        return run;
    }
}
