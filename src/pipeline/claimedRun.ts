import { ErrorCode, PipelineError, TransientError } from '../errors';
import { stagingRoot } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { pruneRetired } from './pruneRetired';
import { HeldLease } from './publishLease';
import { transitionRun, withoutClaim } from './transitionRun';

/** How a publish attempt ends a run. */
export interface Ending {
    status: 'succeeded' | 'skipped' | 'failed';
    errorCode?: ErrorCode;
    error?: string;
}

/**
 * Ends a claimed run: records its status while the claim still holds it (a worker that lost the claim stops here),
 * then releases the lease and removes what the run staged (and expired retired files).
 */
export async function finish(run: RunRecord, ending: Ending, lease: HeldLease, deps: PipelineDeps): Promise<RunRecord> {
    const { status, errorCode, error } = ending;
    const changes = {
        status,
        finishedAt: nowIso(deps),
        ...(errorCode ? { errorCode } : {}),
        ...(error ? { error } : {}),
    };
    const ended = await advance(withoutClaim(run), changes, deps, run.claim);
    if (status === 'failed') deps.log(`Run ${run.runId} failed: ${errorCode ?? 'TransformFailed'}: ${error ?? ''}`);
    await lease.release().catch((released: unknown) => {
        // Taken over after the run ended: nothing of this run is left in it.
        if (!(released instanceof PipelineError && released.code === 'PublishBusy')) throw released;
    });
    await deps.ingestion.deleteFolder(stagingRoot(run));
    await pruneRetired(deps);
    return ended;
}

/**
 * Writes `changes` to the run while this worker's claim still holds it and returns the new record; throws
 * `PublishBusy` when another worker has claimed the run meanwhile (it carries on from the lease's record).
 */
export async function advance(
    run: RunRecord,
    changes: Partial<RunRecord>,
    deps: PipelineDeps,
    claim = run.claim,
): Promise<RunRecord> {
    const { run: stored, changed } = await transitionRun(run, deps, (current) =>
        current.claim === claim && current.status === 'publishing'
            ? { ...run, ...changes, heartbeatAt: nowIso(deps) }
            : undefined,
    );
    if (!changed || !stored) {
        throw new TransientError('PublishBusy', `Run ${run.runId} was claimed by another worker while publishing.`);
    }
    return stored;
}
