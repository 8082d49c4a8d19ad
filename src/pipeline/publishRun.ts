import { randomUUID } from 'node:crypto';

import { TransientError } from '../errors';
import type { HubDataset } from '../focus/datasets/hubDataset';
import { datasetOfRun } from '../focus/datasets/registry';
import { retiredPrefix, stagingRoot } from '../focus/layout';
import { RunRef, sameRun } from '../focus/runRef';
import { sumTotals } from '../focus/totals';
import { mergeSummaries, PartValidation } from '../focus/validation/mergeSummaries';
import { hubFailures } from '../focus/validation/summarize';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, Publication, RunRecord } from './ports';
import { pruneRetired } from './pruneRetired';
import { finishSwap, publishDatasets } from './publishDatasets';
import { acquireLease, HeldLease, leaseName } from './publishLease';
import { refreshCapacity } from './refreshCapacity';
import { refreshInsights } from './refreshInsights';
import { stageRelease } from './stageRelease';
import { stageTimer } from './stageTimer';
import { transitionRun, withoutClaim } from './transitionRun';

export interface PublishResult {
    run: RunRecord | undefined;
    /** Another run holds the dataset's publish lease: try again later. */
    busy?: true;
}

/**
 * Publishes a run once all its parts are converted (see README "Publishing"): takes the dataset-month lease, claims the
 * run (`running` → `publishing`, or a `publishing` run whose worker went silent), finishes any swap the previous lease
 * holder left, stages the run's folders, and, unless a newer run is already published (`RunSuperseded`) or there are
 * no rows (`NoRows`), swaps each dataset folder over to the run. Every step can be repeated after a crash. A run that
 * published then has the capacity datasets of its month recomputed (refreshCapacity), and its scope's AI insights
 * (refreshInsights), whose report shows them. A run whose output fails MUST rules the hub
 * could have prevented publishes with `warnings`, or, with strict validation, fails with `ValidationFailed` before
 * anything is staged or swapped.
 */
export async function publishRun(ref: RunRef, deps: PipelineDeps): Promise<PublishResult> {
    const stored = await deps.runs.getRun(ref);
    if (!stored) return { run: undefined };
    const parts = await deps.runs.listParts(ref);
    if (!claimable(stored.value, parts, deps)) return { run: stored.value };
    const claim = randomUUID();
    const lease = await acquireLease(leaseName(stored.value.dataset, stored.value.month), { ...ref, claim }, deps);
    if (lease === 'busy') return { run: stored.value, busy: true };
    const claimed = await transitionRun(ref, deps, (current) =>
        claimable(current, parts, deps) ? claimRecord(current, parts, claim) : undefined,
    );
    if (!claimed.changed || !claimed.run) {
        await lease.release();
        return { run: claimed.run };
    }
    const timer = stageTimer();
    const run = await timer.time('publish', () => publishClaimed(claimed.run as RunRecord, parts, lease, deps));
    if (run.status === 'succeeded') {
        await timer.time('capacity', () => refreshCapacity(run, deps));
        await timer.time('insights', () => refreshInsights(run, deps));
    }
    const warned = run.warnings?.length ? ` with warnings (${run.warnings.join(', ')})` : '';
    const note = (run.errorCode ? ` (${run.errorCode})` : '') + warned;
    deps.log(`Run ${run.runId}: ${run.status}${note}, ${run.totals?.rows ?? 0} rows (${timer.summary()}).`);
    return { run };
}

/** Ready to publish: every part converted, and nobody (alive) publishing it. */
function claimable(run: RunRecord, parts: PartRecord[], deps: PipelineDeps): boolean {
    const converted = parts.length === run.partCount && parts.every((part) => part.status === 'succeeded');
    if (!converted) return false;
    if (run.status === 'running') return true;
    const silentSince = Date.parse(run.heartbeatAt ?? run.startedAt);
    return run.status === 'publishing' && (deps.exclusive || Date.now() - silentSince >= deps.timing.leaseMs);
}

function claimRecord(run: RunRecord, parts: PartRecord[], claim: string): RunRecord {
    const validation = mergeSummaries(
        parts.flatMap((part) => (part.validation ? [JSON.parse(part.validation) as PartValidation] : [])),
    );
    const warnings = validation ? hubFailures(validation.failed).map((rule) => rule.id) : [];
    return {
        ...run,
        status: 'publishing',
        claim,
        heartbeatAt: nowIso(),
        ...(run.status === 'publishing' ? { resumes: (run.resumes ?? 0) + 1 } : {}),
        totals: sumTotals(parts.flatMap((part) => (part.totals ? [part.totals] : []))),
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(validation ? { details: JSON.stringify({ validation }) } : {}),
    };
}

async function publishClaimed(
    claimed: RunRecord,
    parts: PartRecord[],
    lease: HeldLease,
    deps: PipelineDeps,
): Promise<RunRecord> {
    let run = claimed;
    await finishSwap(lease, deps);
    if (run.totals?.rows === 0) return finish(run, 'skipped', 'NoRows', lease, deps);
    if (!run.stagedAt && deps.validation.strict && run.warnings?.length) {
        const error =
            `The output fails MUST-level FOCUS rules the hub should have met: ${run.warnings.join(', ')}. ` +
            'Not published (HUB_VALIDATION_STRICT); the published data is unchanged.';
        return finish(run, 'failed', 'ValidationFailed', lease, deps, error);
    }
    const dataset = datasetOfRun(run);
    const current = await deps.runs.getPublication(run.dataset, run.scope, run.month);
    if (!run.stagedAt || restage(run, current?.value, dataset)) {
        const sources = await stageRelease(run, parts, dataset, deps);
        const over = dataset.composition ? { composition: { over: basis(current?.value), sources } } : {};
        run = await advance(run, { stagedAt: nowIso(), ...over }, deps);
    }
    if (current && isSuperseded(current.value, run, dataset))
        return finish(run, 'skipped', 'RunSuperseded', lease, deps);
    await publishDatasets(
        run,
        { dataset: run.dataset, phase: 'children', retired: retiredPrefix(run, new Date()) },
        lease,
        deps,
    );
    return finish(run, 'succeeded', undefined, lease, deps);
}

/**
 * A composed folder is built from what was published when the run staged: if another run has published since (the
 * worker stopped after staging and the lease lapsed), the run stages again. Not once it published itself.
 */
function restage(run: RunRecord, current: Publication | undefined, dataset: HubDataset): boolean {
    if (!dataset.composition || (current && sameRun(current, run))) return false;
    return run.composition?.over !== basis(current);
}

const basis = (publication: Publication | undefined) =>
    publication ? `${publication.runId}@${publication.publishedAt}` : '';

/** Ends a claimed run: releases the lease, removes what it staged (and expired retired files), records the status. */
async function finish(
    run: RunRecord,
    status: 'succeeded' | 'skipped' | 'failed',
    errorCode: 'NoRows' | 'RunSuperseded' | 'ValidationFailed' | undefined,
    lease: HeldLease,
    deps: PipelineDeps,
    error?: string,
): Promise<RunRecord> {
    await lease.release();
    await deps.ingestion.deleteFolder(stagingRoot(run));
    await pruneRetired(deps);
    const changes = { status, finishedAt: nowIso(), ...(errorCode ? { errorCode } : {}), ...(error ? { error } : {}) };
    return advance(withoutClaim(run), changes, deps, run.claim);
}

/**
 * Writes `changes` to the run while this worker's claim still holds it and returns the new record; throws
 * `PublishBusy` when another worker has claimed the run meanwhile (it carries on from the lease's record).
 */
async function advance(
    run: RunRecord,
    changes: Partial<RunRecord>,
    deps: PipelineDeps,
    claim = run.claim,
): Promise<RunRecord> {
    const { run: stored, changed } = await transitionRun(run, deps, (current) =>
        current.claim === claim && current.status === 'publishing'
            ? { ...run, ...changes, heartbeatAt: nowIso() }
            : undefined,
    );
    if (!changed || !stored) {
        throw new TransientError('PublishBusy', `Run ${run.runId} was claimed by another worker while publishing.`);
    }
    return stored;
}

/**
 * Whether what is published beats `run` (README "Publishing" and "Actual and amortized together"): a newer run, by
 * submittedTime then run id. A run whose dataset composes its folders with another export type only competes with
 * published runs of its own type, and with runs of types that do not compose (those replace the folder whole).
 */
export function isSuperseded(publication: Publication, run: RunRecord, dataset: HubDataset): boolean {
    if (sameRun(publication, run)) return false;
    const composing = (type: string) =>
        !!dataset.composition &&
        [dataset.composition.base, dataset.composition.supplement].some((t) => t.toLowerCase() === type.toLowerCase());
    if (!composing(run.exportType)) return isNewer(publication, run);
    const sources = publication.sources ?? [{ ...publication, exportType: '' }];
    return sources.some(
        (source) =>
            (source.exportType.toLowerCase() === run.exportType.toLowerCase() || !composing(source.exportType)) &&
            isNewer(source, run),
    );
}

/** Whether the published run is newer than `run` (by submittedTime, then run id); the same run is not. */
function isNewer(published: { runId: string; submittedTime: string }, run: RunRecord): boolean {
    if (published.runId === run.runId) return false;
    if (published.submittedTime !== run.submittedTime) return published.submittedTime > run.submittedTime;
    return published.runId > run.runId;
}
