import { PipelineError } from '../errors';
import { stagingRoot } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { withoutClaim } from './transitionRun';

/**
 * Marks a run failed with the error's code and message, whether or not it was recorded before (a succeeded or skipped
 * run stays as it is). The run's staged files are removed; published data is untouched.
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
        const { status, errorCode, error: message, finishedAt } = failed;
        if (
            await deps.runs.updateRun({ ...withoutClaim(value), status, errorCode, error: message, finishedAt }, etag)
        ) {
            break;
        }
    }
    deps.log(`Run ${run.runId} failed: ${error.code}: ${error.message}`);
    await deps.ingestion.deleteFolder(stagingRoot(run));
    return failed;
}
