import { ensureError, InputError, PipelineError } from '../errors';
import { parseRunManifest } from '../focus/runManifest';
import { sameRun } from '../focus/runRef';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { planParts } from './planRun';
import { PartRecord, RunRecord } from './ports';
import { leaseName } from './publishLease';
import { publishRun } from './publishRun';
import { recordFailure } from './recordFailure';
import { requeueRun } from './requeueRun';
import { transitionRun } from './transitionRun';

/**
 * Every run ends. Finds runs still `running` or `publishing` and moves each on: a run whose parts are all converted is
 * published (a silent publisher's claim is taken over); a run whose parts went silent for longer than the deadline has
 * its unfinished parts queued again, up to `maxResumes` times, then fails with `RunStalled`. Run by the timer function
 * and at the start of every `finops-hub process`. One run's trouble never stops the others.
 */
export async function sweepRuns(deps: PipelineDeps): Promise<RunRecord[]> {
    const open = await deps.runs.listRuns(['running', 'publishing']);
    open.sort((a, b) => a.submittedTime.localeCompare(b.submittedTime) || a.runId.localeCompare(b.runId));
    const swept: RunRecord[] = [];
    for (const run of open) {
        try {
            swept.push(await sweepRun(run, deps));
        } catch (error) {
            deps.log(`Run ${run.runId} could not be resumed yet: ${ensureError(error).message}`);
            swept.push(run);
        }
    }
    return swept;
}

async function sweepRun(run: RunRecord, deps: PipelineDeps): Promise<RunRecord> {
    const parts = await deps.runs.listParts(run);
    const converted = parts.length === run.partCount && parts.every((part) => part.status === 'succeeded');
    const resumes = run.resumes ?? 0;
    if (converted) {
        const silent =
            deps.exclusive || Date.now() - Date.parse(run.heartbeatAt ?? run.startedAt) >= deps.timing.leaseMs;
        const givenUp = run.status === 'publishing' && silent && resumes >= deps.timing.maxResumes;
        if (givenUp && !(await swapInProgress(run, deps))) {
            return stalled(run, `its publish was interrupted ${resumes + 1} times`, deps);
        }
        return (await publishRun(run, deps)).run ?? run;
    }
    if (!deps.exclusive && Date.now() - lastActivity(run, parts) < deps.timing.staleMs) return run;
    if (resumes >= deps.timing.maxResumes) {
        return stalled(run, `its parts stopped making progress ${resumes + 1} times`, deps);
    }
    const { run: resumed, changed } = await transitionRun(run, deps, (current) =>
        current.status === 'running' ? { ...current, resumes: resumes + 1, heartbeatAt: nowIso() } : undefined,
    );
    if (!changed || !resumed) return resumed ?? run;
    if (parts.length < run.partCount) {
        // Planning was interrupted before every part was recorded: the manifest says what is missing.
        try {
            const manifest = parseRunManifest(await deps.exports.readText(run.manifest), run.manifest);
            await planParts(resumed, manifest, false, deps);
        } catch (error) {
            if (error instanceof InputError) return recordFailure(resumed, error, deps);
            throw error;
        }
    }
    return requeueRun(resumed, deps);
}

/** Whether the run's swap is recorded in its dataset's lease (then it must be finished, never abandoned). */
async function swapInProgress(run: RunRecord, deps: PipelineDeps): Promise<boolean> {
    const swap = (await deps.runs.getLease(leaseName(run.dataset, run.month)))?.value.swap;
    return swap !== undefined && sameRun(swap.run, run);
}

function lastActivity(run: RunRecord, parts: PartRecord[]): number {
    const times = [run.heartbeatAt, run.startedAt, ...parts.flatMap((part) => [part.startedAt, part.finishedAt])];
    return Math.max(...times.flatMap((time) => (time ? [Date.parse(time)] : [])));
}

function stalled(run: RunRecord, why: string, deps: PipelineDeps): Promise<RunRecord> {
    const message = `Run ${run.runId} (${run.scope} ${run.month}) never finished: ${why}. Re-run the export; if it stalls again, check the function's logs for crashes, timeouts or memory.`;
    return recordFailure(run, new PipelineError('RunStalled', message), deps);
}
