import { PipelineError } from '../errors';
import { stagingRoot } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { transitionRun } from './transitionRun';

/**
 * Fails a run that is still converting (`running`), or records a new failed run, with the error's code and message,
 * then removes what the run staged. A run that is publishing or has ended is left as it is: only the worker holding a
 * publishing run's claim ends it (docs/publishing.md "Run states: every run ends"), so a late or duplicate failure
 * never fails a run whose data is being, or has been, published. Returns the run as stored afterwards.
 */
export async function recordFailure(run: RunRecord, error: PipelineError, deps: PipelineDeps): Promise<RunRecord> {
    const failure = {
        status: 'failed',
        errorCode: error.code,
        error: error.message,
        finishedAt: nowIso(deps),
    } as const;
    let failed: RunRecord = { ...run, ...failure };
    const created = await deps.runs.createRun(failed);
    if (!created.created) {
        const { run: stored, changed } = await transitionRun(run, deps, (current) =>
            current.status === 'running' ? { ...current, ...failure } : undefined,
        );
        if (!changed || !stored) {
            deps.log(`Run ${run.runId}: ${error.code} not recorded, the run is ${stored?.status ?? 'gone'}.`);
            return stored ?? failed;
        }
        failed = stored;
    }
    deps.log(`Run ${run.runId} failed: ${error.code}: ${error.message}`);
    await deps.ingestion.deleteFolder(stagingRoot(run));
    return failed;
}
