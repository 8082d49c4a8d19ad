import { ensureError, TransientError } from '../errors';
import { convertPart } from './convertPart';
import { PipelineDeps } from './pipelineDeps';
import { PartWorkItem, RunRecord } from './ports';
import { publishRun } from './publishRun';
import { recordFailure } from './recordFailure';

/**
 * One queued part: converts it unless it is already converted, then tries to publish the run (the part that finds
 * every part done publishes). Errors that retrying cannot mend fail the run at once; retryable ones are rethrown so the
 * queue delivers the message again, and fail the run on the last attempt. When another run holds the publish lease,
 * the message is retried, and on the last attempt left to the sweeper.
 */
export async function runPart(
    item: PartWorkItem,
    deps: PipelineDeps,
    attempt: { number: number; last: boolean } = { number: 1, last: true },
): Promise<RunRecord | undefined> {
    const run = (await deps.runs.getRun(item))?.value;
    const part = run && (await deps.runs.listParts(item)).find((p) => p.index === item.index);
    if (!run || !part || (run.status !== 'running' && run.status !== 'publishing')) {
        deps.log(`Part ${item.runId}#${item.index}: nothing to do (run ${run?.status ?? 'unknown'}).`);
        return run;
    }
    if (run.status === 'running' && part.status !== 'succeeded') {
        try {
            await convertPart(run, part, deps);
        } catch (error) {
            const failure = ensureError(error);
            if (failure.retryable && !attempt.last) throw failure;
            await deps.runs.putPart({ ...part, status: 'failed', errorCode: failure.code, error: failure.message });
            return recordFailure(run, failure, deps);
        }
    }
    const published = await publishRun(item, deps);
    if (published.busy && !attempt.last) {
        throw new TransientError('PublishBusy', `Run ${item.runId}: another run is publishing the same month.`);
    }
    return published.run;
}
