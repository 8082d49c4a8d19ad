import { ensureError, TransientError } from '../errors';
import { convertPart } from './convertPart';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, PartWorkItem, RunRecord, Versioned } from './ports';
import { publishRun } from './publishRun';
import { recordFailure } from './recordFailure';

/**
 * One queued part: converts it unless it is already converted, then tries to publish the run (the part that finds
 * every part done publishes). The part moves only from the state this worker read, so duplicate and late messages
 * are harmless: the worker that claimed the part last records it. Errors that retrying cannot mend fail the part and
 * the run at once; retryable ones are rethrown so the queue delivers the message again, and fail the run on the last
 * attempt. When another run holds the publish lease, the message is retried, and on the last attempt left to the
 * sweeper.
 */
export async function runPart(
    item: PartWorkItem,
    deps: PipelineDeps,
    attempt: { number: number; last: boolean } = { number: 1, last: true },
): Promise<RunRecord | undefined> {
    const run = (await deps.runs.getRun(item))?.value;
    const stored = run && (await deps.runs.getPart(item, item.index));
    if (!run || !stored || (run.status !== 'running' && run.status !== 'publishing')) {
        deps.log(`Part ${item.runId}#${item.index}: nothing to do (run ${run?.status ?? 'unknown'}).`);
        return run;
    }
    if (run.status === 'running' && stored.value.status !== 'succeeded') {
        const claimed = await claimPart(stored, deps);
        if (!claimed) {
            deps.log(`Part ${item.runId}#${item.index}: another worker claimed it first.`);
            return run;
        }
        try {
            if (!(await convertPart(run, claimed, deps))) return run;
        } catch (error) {
            const failure = ensureError(error);
            if (failure.retryable && !attempt.last) throw failure;
            const failed = {
                ...claimed.value,
                status: 'failed' as const,
                errorCode: failure.code,
                error: failure.message,
            };
            if ((await deps.runs.updatePart(failed, claimed.etag)) === undefined) return run;
            return recordFailure(run, failure, deps);
        }
    }
    const published = await publishRun(item, deps);
    if (published.busy && !attempt.last) {
        throw new TransientError('PublishBusy', `Run ${item.runId}: another run is publishing the same month.`);
    }
    return published.run;
}

/** Marks the part `running` for this worker, from the state it read; undefined when another worker got there first. */
async function claimPart(
    stored: Versioned<PartRecord>,
    deps: PipelineDeps,
): Promise<Versioned<PartRecord> | undefined> {
    const claimed: PartRecord = { ...stored.value, status: 'running', startedAt: nowIso(deps) };
    delete claimed.errorCode;
    delete claimed.error;
    delete claimed.finishedAt;
    const etag = await deps.runs.updatePart(claimed, stored.etag);
    return etag === undefined ? undefined : { value: claimed, etag };
}
