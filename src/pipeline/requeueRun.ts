import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';

/**
 * Queues a `running` run's unfinished parts again (their worker died, or the queueing was lost). With every part
 * converted, one part is queued: its worker finds the part done and publishes the run.
 */
export async function requeueRun(run: RunRecord, deps: PipelineDeps): Promise<RunRecord> {
    const parts = await deps.runs.listParts(run);
    const unfinished = parts.filter((part) => part.status !== 'succeeded');
    const items = (unfinished.length > 0 ? unfinished : parts.slice(0, 1)).map((part) => ({
        scope: run.scope,
        runId: run.runId,
        index: part.index,
    }));
    await deps.queue.enqueue(items);
    deps.log(`Run ${run.runId}: ${unfinished.length} unfinished part(s) queued again.`);
    return run;
}
