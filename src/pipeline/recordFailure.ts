import { PipelineError } from '../errors';
import { clearStaging } from './clearStaging';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';

/**
 * Marks a run failed with the error's code and message, whether or not it was recorded before. The run's staged
 * files are removed; published data is untouched.
 */
export async function recordFailure(run: RunRecord, error: PipelineError, deps: PipelineDeps): Promise<RunRecord> {
    const failed: RunRecord = {
        ...run,
        status: 'failed',
        errorCode: error.code,
        error: error.message,
        finishedAt: nowIso(),
    };
    for (;;) {
        const created = await deps.runs.createRun(failed);
        if (created.created) break;
        const { value, etag } = created.existing;
        if (value.status === 'succeeded' || value.status === 'skipped') return value;
        if (value.status === 'failed' && value.errorCode === error.code) break;
        if (await deps.runs.updateRun({ ...value, ...pick(failed) }, etag)) break;
    }
    deps.log(`Run ${run.runId} failed: ${error.code}: ${error.message}`);
    await clearStaging(run.runId, deps);
    return failed;
}

function pick(run: RunRecord): Partial<RunRecord> {
    return { status: run.status, errorCode: run.errorCode, error: run.error, finishedAt: run.finishedAt };
}
