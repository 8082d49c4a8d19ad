import { PipelineError } from '../errors';
import { PipelineDeps } from './pipelineDeps';
import { PartWorkItem, RunRecord } from './ports';
import { recordFailure } from './recordFailure';

/**
 * A part's message reached the poison queue: every attempt crashed, ran out of memory or timed out before the part
 * could record an outcome. A run still converting fails with `PartPoisoned`, the part moving from the state read here;
 * a run whose part was converted (only its publish was interrupted) is left to the sweeper, which finishes publishing
 * it, and a run publishing or ended is never touched.
 */
export async function recordPoisoned(item: PartWorkItem, deps: PipelineDeps): Promise<RunRecord | undefined> {
    const run = (await deps.runs.getRun(item))?.value;
    const stored = run && (await deps.runs.getPart(item, item.index));
    const part = stored?.value;
    if (!run || !stored || !part || run.status !== 'running' || part.status === 'succeeded') {
        deps.log(`Poisoned part ${item.runId}#${item.index}: run ${run?.status ?? 'unknown'}, nothing to fail.`);
        return run;
    }
    const error = new PipelineError(
        'PartPoisoned',
        `Part ${part.blobName} of run ${run.runId} failed every attempt without recording why (the worker crashed, ran out of memory or timed out). Check the function's logs; give the app more memory (instanceMemoryMB) or re-run the export.`,
    );
    const failed = { ...part, status: 'failed' as const, errorCode: error.code, error: error.message };
    if ((await deps.runs.updatePart(failed, stored.etag)) === undefined) {
        deps.log(`Poisoned part ${item.runId}#${item.index}: the part changed meanwhile, left to its worker.`);
        return run;
    }
    return recordFailure(run, error, deps);
}
