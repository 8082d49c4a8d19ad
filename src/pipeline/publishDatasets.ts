import { PipelineError, TransientError } from '../errors';
import { CAPACITY_DATASETS } from '../focus/datasets/capacity/capacityDatasets';
import { datasetOfRun } from '../focus/datasets/registry';
import { FolderManifest } from '../focus/folderManifest';
import { datasetFolder, stagedFolder } from '../focus/layout';
import { sameRun } from '../focus/runRef';
import { checkFolder } from './checkFolder';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { Lease, Publication, RunRecord } from './ports';
import { HeldLease } from './publishLease';
import { sourceOf } from './release';
import { swapFolder } from './swapFolder';

export type SwapStep = Omit<NonNullable<Lease['swap']>, 'run'>;

/**
 * The datasets a run publishes together, in order: its own and its derived ones under the dataset's lease; the
 * insights recomputed after it (`insights`, their datasets) and the capacity datasets, under theirs. `dataset` picks
 * the group it belongs to (alone, for a run whose export is not known: an orphaned swap the sweeper rolls back).
 */
export function publishGroup(run: RunRecord, dataset: string, insights: readonly string[] = []): readonly string[] {
    if (insights.includes(dataset)) return insights;
    if ((CAPACITY_DATASETS as readonly string[]).includes(dataset)) return CAPACITY_DATASETS;
    if (!run.exportType) return [dataset];
    const definition = datasetOfRun(run);
    return [definition.name, ...definition.derived.map((derived) => derived.name)];
}

/**
 * Swaps the folders a publish attempt (`from.claim`) staged for `from.dataset`'s group into place, from `from` on,
 * recording each phase in the lease, and records each publication. A dataset the run already published is left alone,
 * so this also finishes a swap a crashed worker left half done. Before the first move, every staged folder of the
 * group is checked; a staged folder that is missing or not the run's throws `StagingInvalid` with the published
 * folders as they were (those of the group swapped before it stay swapped).
 */
export async function publishDatasets(run: RunRecord, from: SwapStep, lease: HeldLease, deps: PipelineDeps) {
    const names = publishGroup(run, from.dataset, deps.insights?.datasets);
    const remaining = names.slice(Math.max(0, names.indexOf(from.dataset)));
    const staged = (dataset: string) => stagedFolder(run, from.claim, dataset);
    const ref = { scope: run.scope, runId: run.runId };
    if (from.phase === 'children') {
        // The first is checked as its swap starts; the others now, so that none is swapped if one cannot be.
        for (const dataset of remaining.slice(1)) {
            const checked = await checkFolder(deps.ingestion, staged(dataset), ref);
            if ('problem' in checked) await invalid(run, dataset, checked.problem, lease);
        }
    }
    for (const dataset of remaining) {
        const published = await deps.runs.getPublication(dataset, run.scope, run.month);
        if (published && sameRun(published.value, run)) continue;
        const outcome = await swapFolder(
            deps.ingestion,
            {
                run: ref,
                staged: staged(dataset),
                target: datasetFolder(dataset, run.month, run.scope),
                retired: `${from.retired}/${dataset}`,
            },
            {
                record: (phase) => lease.record({ run: ref, claim: from.claim, dataset, phase, retired: from.retired }),
                fence: () => lease.fence(),
                now: () => nowIso(deps),
            },
            dataset === from.dataset ? from.phase : 'children',
        );
        if ('problem' in outcome) await invalid(run, dataset, outcome.problem, lease);
        else await recordPublication(run, dataset, outcome.installed, published?.etag, deps);
    }
    await lease.record(undefined);
}

async function invalid(run: RunRecord, dataset: string, problem: string, lease: HeldLease): Promise<never> {
    await lease.record(undefined);
    throw new PipelineError(
        'StagingInvalid',
        `Run ${run.runId} was not published into ${dataset} ${run.scope} ${run.month}: ${problem}. The published folder was left as it was.`,
    );
}

/**
 * Records that `run` is what the dataset folder holds, from the manifest just installed, conditional on the version
 * read before the swap: a worker that lost the lease meanwhile cannot overwrite a newer publication.
 */
async function recordPublication(
    run: RunRecord,
    dataset: string,
    installed: FolderManifest,
    etag: string | undefined,
    deps: PipelineDeps,
): Promise<void> {
    const { scope, month, runId } = run;
    const sources = installed.sources ?? [sourceOf(run)];
    const submittedTime = sources.reduce((newest, s) => (s.submittedTime > newest ? s.submittedTime : newest), '');
    const publishedAt = installed.publishedAt ?? nowIso(deps);
    const publication: Publication = { dataset, scope, month, runId, submittedTime, publishedAt, sources };
    if (await deps.runs.putPublication(publication, etag)) return;
    const current = await deps.runs.getPublication(dataset, scope, month);
    if (current && sameRun(current.value, run)) return;
    throw new TransientError(
        'PublishBusy',
        `Run ${runId}: the publication of ${dataset} was changed by another worker.`,
    );
}
