import { ensureError, InputError, PipelineError, stopsProcess } from '../errors';
import { STAGING_ROOT } from '../focus/layout';
import { parseRunManifest } from '../focus/runManifest';
import { collectStaging } from './collectStaging';
import { expireMonths } from './expireMonths';
import { finishAbandonedSwaps } from './finishAbandonedSwaps';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { planParts } from './planRun';
import { PartRecord, RunRecord } from './ports';
import { pruneRetired } from './pruneRetired';
import { publishRun } from './publishRun';
import { recordFailure } from './recordFailure';
import { refreshStaleCapacity } from './refreshStaleCapacity';
import { refreshStaleInsights } from './refreshStaleInsights';
import { requeueRun } from './requeueRun';
import { transitionRun, withoutClaim } from './transitionRun';

/**
 * Every run ends. Finds runs still `running` or `publishing` and moves each on (see sweepRun); finishes the folder
 * swaps that leases whose holder went silent still record (insights swaps, swaps of runs whose record is gone);
 * recomputes the capacity datasets and the insights of published months where they are missing or older than their
 * data; removes staged files no live run or lease needs, and expired retired ones; with `retentionMonths`, deletes
 * month folders past it (expireMonths). Run by the timer function and at the start of every `finops-hub process`.
 * One run's trouble never stops the others: it is logged, and a run that cannot be moved on for longer than
 * `HUB_RUN_STALE_MINUTES` is logged as stalled (`Run <id> stalled: <code>: …`), which raises the alert.
 */
export async function sweepRuns(deps: PipelineDeps): Promise<RunRecord[]> {
    const staged = await deps.ingestion.listFolders(STAGING_ROOT);
    const open = await deps.runs.listRuns(['running', 'publishing']);
    open.sort((a, b) => a.submittedTime.localeCompare(b.submittedTime) || a.runId.localeCompare(b.runId));
    const swept: RunRecord[] = [];
    // The parts queue is looked at once per sweep, and only if a run has gone silent.
    let backlog: Promise<boolean> | undefined;
    const behind = () => (backlog ??= backlogged(deps));
    for (const run of open) {
        try {
            swept.push(await sweepRun(run, deps, behind));
        } catch (error) {
            const failure = ensureError(error);
            if (stopsProcess(failure)) throw failure;
            const stalled = deps.clock() - Date.parse(run.heartbeatAt ?? run.startedAt) >= deps.timing.staleMs;
            const line = stalled ? `stalled: ${failure.code}:` : 'could not be resumed yet:';
            deps.log(`Run ${run.runId} ${line} ${failure.message}`);
            swept.push(run);
        }
    }
    await step('finish abandoned swaps', () => finishAbandonedSwaps(deps), deps);
    await step('refresh capacity', () => refreshStaleCapacity(deps), deps);
    if (deps.insights) await step('refresh insights', () => refreshStaleInsights(deps), deps);
    await step('remove unused staging', () => collectStaging(staged, deps), deps);
    await step('prune retired files', () => pruneRetired(deps), deps);
    const { retentionMonths } = deps;
    if (retentionMonths)
        await step('expire old months', async () => void (await expireMonths(retentionMonths, deps)), deps);
    return swept;
}

async function step(name: string, work: () => Promise<void>, deps: PipelineDeps): Promise<void> {
    try {
        await work();
    } catch (error) {
        const failure = ensureError(error);
        if (stopsProcess(failure)) throw failure;
        deps.log(`Sweep could not ${name} yet: ${failure.message}`);
    }
}

/**
 * One open run: a run whose parts are all converted is published (a silent publisher's claim is taken over; after
 * `maxResumes` takeovers it ends with `RunStalled`, any swap of it finished first); a `publishing` run with a part not
 * converted goes back to `running`; a `running` run whose parts went silent for longer than the deadline has its
 * unfinished parts queued again, up to `maxResumes` times, then fails with `RunStalled`; not while the parts queue is
 * behind by more than the deadline (its parts may be waiting their turn).
 */
async function sweepRun(run: RunRecord, deps: PipelineDeps, behind: () => Promise<boolean>): Promise<RunRecord> {
    const parts = await deps.runs.listParts(run);
    const converted = parts.length === run.partCount && parts.every((part) => part.status === 'succeeded');
    const resumes = run.resumes ?? 0;
    if (run.status === 'publishing') {
        const silent =
            deps.exclusive || deps.clock() - Date.parse(run.heartbeatAt ?? run.startedAt) >= deps.timing.leaseMs;
        if (!silent) return run;
        if (!converted) return reconvert(run, deps);
        const given =
            resumes >= deps.timing.maxResumes ? `its publish was interrupted ${resumes + 1} times` : undefined;
        return (await publishRun(run, deps, given && stalledMessage(run, given))).run ?? run;
    }
    if (converted) return (await publishRun(run, deps)).run ?? run;
    if (!deps.exclusive && deps.clock() - lastActivity(run, parts) < deps.timing.staleMs) return run;
    if (!deps.exclusive && (await behind())) return run;
    if (resumes >= deps.timing.maxResumes) {
        const why = `its parts stopped making progress ${resumes + 1} times`;
        return recordFailure(run, new PipelineError('RunStalled', stalledMessage(run, why)), deps);
    }
    const { run: resumed, changed } = await transitionRun(run, deps, (current) =>
        current.status === 'running' ? { ...current, resumes: resumes + 1, heartbeatAt: nowIso(deps) } : undefined,
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

/** A silent `publishing` run with a part not converted: back to `running`, its unfinished parts queued again. */
async function reconvert(run: RunRecord, deps: PipelineDeps): Promise<RunRecord> {
    const { run: back, changed } = await transitionRun(run, deps, (current) =>
        current.status === 'publishing' && current.claim === run.claim
            ? { ...withoutClaim(current), status: 'running', heartbeatAt: nowIso(deps) }
            : undefined,
    );
    return changed && back ? requeueRun(back, deps) : (back ?? run);
}

/**
 * Whether the parts queue is behind by more than the deadline: its oldest waiting message was sent that long ago. A run
 * whose parts wait their turn is not stalled, and queueing them again would only lengthen the queue; once the queue
 * has caught up, a run still silent is.
 */
async function backlogged(deps: PipelineDeps): Promise<boolean> {
    const oldest = await deps.queue.getOldestWaiting();
    return oldest !== undefined && deps.clock() - Date.parse(oldest) >= deps.timing.staleMs;
}

function lastActivity(run: RunRecord, parts: PartRecord[]): number {
    const times = [run.heartbeatAt, run.startedAt, ...parts.flatMap((part) => [part.startedAt, part.finishedAt])];
    return Math.max(...times.flatMap((time) => (time ? [Date.parse(time)] : [])));
}

const stalledMessage = (run: RunRecord, why: string) =>
    `Run ${run.runId} (${run.scope} ${run.month}) never finished: ${why}. Re-run the export; if it stalls again, check the function's logs for crashes, timeouts or memory.`;
