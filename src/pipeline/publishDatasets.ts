import { PipelineError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { datasetFolder, stagedFolder } from '../focus/layout';
import { sameRun } from '../focus/runRef';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { Lease, Publication, RunRecord } from './ports';
import { HeldLease } from './publishLease';
import { sourceOf } from './release';
import { swapFolder } from './swapFolder';

export type SwapStep = Omit<NonNullable<Lease['swap']>, 'run'>;

/**
 * The datasets a run publishes together, in order: its own and its derived ones under the dataset's lease; the
 * insights recomputed after it (`insights`, their datasets), under theirs. `dataset` picks the group it belongs to.
 */
export function publishGroup(run: RunRecord, dataset: string, insights: readonly string[] = []): readonly string[] {
    if (insights.includes(dataset)) return insights;
    const definition = datasetOfRun(run);
    return [definition.name, ...definition.derived.map((derived) => derived.name)];
}

/**
 * Swaps the run's staged folders of `from.dataset`'s group into place, from `from` on, recording each phase in the
 * lease, and records each publication. A dataset the run already published is left alone, so this also finishes a
 * swap a crashed worker left half done.
 */
export async function publishDatasets(run: RunRecord, from: SwapStep, lease: HeldLease, deps: PipelineDeps) {
    const names = publishGroup(run, from.dataset, deps.insights?.datasets);
    const ref = { scope: run.scope, runId: run.runId };
    for (const dataset of names.slice(Math.max(0, names.indexOf(from.dataset)))) {
        const published = await deps.runs.getPublication(dataset, run.scope, run.month);
        if (published && sameRun(published.value, run)) continue;
        await swapFolder(
            deps.ingestion,
            {
                staged: stagedFolder(run, dataset),
                target: datasetFolder(dataset, run.month, run.scope),
                retired: `${from.retired}/${dataset}`,
            },
            (phase) => lease.record({ run: ref, dataset, phase, retired: from.retired }),
            dataset === from.dataset ? from.phase : 'children',
        );
        await recordPublication(run, dataset, deps);
    }
    await lease.record(undefined);
}

/** Finishes the swap a lease records (a crashed holder's, or the same run's from an earlier attempt). */
export async function finishSwap(lease: HeldLease, deps: PipelineDeps): Promise<void> {
    const swap = lease.current().swap;
    if (!swap) return;
    const owner = await deps.runs.getRun(swap.run);
    if (!owner) {
        throw new PipelineError(
            'TransformFailed',
            `Lease ${lease.current().name} names unknown run ${swap.run.runId}.`,
        );
    }
    deps.log(`Run ${owner.value.runId}: finishing its interrupted publish of ${swap.dataset} (${swap.phase}).`);
    await publishDatasets(owner.value, swap, lease, deps);
}

async function recordPublication(run: RunRecord, dataset: string, deps: PipelineDeps): Promise<void> {
    const { scope, month, runId } = run;
    const sources = run.composition?.sources ?? [sourceOf(run)];
    const submittedTime = sources.reduce((newest, s) => (s.submittedTime > newest ? s.submittedTime : newest), '');
    const publication: Publication = { dataset, scope, month, runId, submittedTime, publishedAt: nowIso(), sources };
    for (;;) {
        const current = await deps.runs.getPublication(dataset, scope, month);
        if (await deps.runs.putPublication(publication, current?.etag)) return;
    }
}
