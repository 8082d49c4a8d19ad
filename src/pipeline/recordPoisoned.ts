import { PipelineError } from '../errors';
import { PipelineDeps } from './pipelineDeps';
import { PartWorkItem, RunRecord } from './ports';
import { recordFailure } from './recordFailure';

/**
 * A part's message reached the poison queue: every attempt crashed, ran out of memory or timed out before the part
 * could record an outcome. A run still converting fails with `PartPoisoned`; a run whose part was converted (only its
 * publish was interrupted) is left to the sweeper, which finishes publishing it.
 */
export async function recordPoisoned(item: PartWorkItem, deps: PipelineDeps): Promise<RunRecord | undefined> {
    const run = (await deps.runs.getRun(item))?.value;
    const part = run && (await deps.runs.listParts(item)).find((p) => p.index === item.index);
    if (!run || !part || run.status !== 'running' || part.status === 'succeeded') {
        deps.log(`Poisoned part ${item.runId}#${item.index}: run ${run?.status ?? 'unknown'}, nothing to fail.`);
        return run;
    }
    const error = new PipelineError(
        'PartPoisoned',
        `Part ${part.blobName} of run ${run.runId} failed every attempt without recording why (the worker crashed, ran out of memory or timed out). Check the function's logs; give the app more memory (instanceMemoryMB) or re-run the export.`,
    );
    await deps.runs.putPart({ ...part, status: 'failed', errorCode: error.code, error: error.message });
    return recordFailure(run, error, deps);
}
