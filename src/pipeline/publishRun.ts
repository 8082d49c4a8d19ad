import { randomUUID } from 'node:crypto';

import { PipelineError, stopsProcess } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { retiredPrefix } from '../focus/layout';
import { RunRef, sameRun } from '../focus/runRef';
import { sumTotals } from '../focus/totals';
import { mergeSummaries, PartValidation } from '../focus/validation/mergeSummaries';
import { hubFailures } from '../focus/validation/summarize';
import { advance, Ending, finish } from './claimedRun';
import { finishSwap } from './finishSwap';
import { isSuperseded } from './isSuperseded';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { acquireLease, HeldLease, leaseName } from './publishLease';
import { refreshCapacity } from './refreshCapacity';
import { refreshInsights } from './refreshInsights';
import { stageRelease } from './stageRelease';
import { stageTimer } from './stageTimer';
import { transitionRun } from './transitionRun';

export interface PublishResult {
    run: RunRecord | undefined;
    /** Another run holds the dataset's publish lease: try again later. */
    busy?: true;
}

/**
 * Publishes a run once all its parts are converted (see docs/publishing.md "Publishing: what a reader sees"): takes the
 * dataset-month lease, claims the run (`running` → `publishing`, or a `publishing` run whose worker went silent) with a
 * new publish attempt, finishes any swap the previous lease holder left, stages the attempt's folders, and, unless a
 * newer run is already published (`RunSuperseded`) or there are no rows (`NoRows`), swaps each dataset folder over to
 * the run. Every step is fenced by the lease and can be repeated after a crash. A run that published then has the
 * capacity datasets of its month recomputed (refreshCapacity), and its scope's AI insights (refreshInsights), whose
 * report shows them. A run whose output fails MUST rules the hub could have prevented publishes with `warnings`, or,
 * with strict validation, fails with `ValidationFailed` before anything is staged or swapped. `stalled` (the sweeper
 * giving up on a publish interrupted too often) ends the run with `RunStalled` once any swap of it is finished, unless
 * that swap published it.
 */
export async function publishRun(ref: RunRef, deps: PipelineDeps, stalled?: string): Promise<PublishResult> {
    const stored = await deps.runs.getRun(ref);
    if (!stored) return { run: undefined };
    const parts = await deps.runs.listParts(ref);
    if (!claimable(stored.value, parts, deps)) return { run: stored.value };
    const claim = randomUUID();
    const lease = await acquireLease(leaseName(stored.value.dataset, stored.value.month), { ...ref, claim }, deps);
    if (lease === 'busy') return { run: stored.value, busy: true };
    const claimed = await transitionRun(ref, deps, (current) =>
        claimable(current, parts, deps) ? claimRecord(current, parts, claim, deps) : undefined,
    );
    if (!claimed.changed || !claimed.run) {
        await lease.release();
        return { run: claimed.run };
    }
    const timer = stageTimer();
    const publishing = claimed.run;
    const run = await timer.time('publish', () => publishClaimed(publishing, parts, lease, deps, stalled));
    if (run.status === 'succeeded') {
        await timer.time('capacity', () => refreshCapacity(run, deps));
        await timer.time('insights', () => refreshInsights(run, deps));
    }
    const warned = run.warnings?.length ? ` with warnings (${run.warnings.join(', ')})` : '';
    const note = (run.errorCode ? ` (${run.errorCode})` : '') + warned;
    deps.log(`Run ${run.runId}: ${run.status}${note}, ${run.totals?.rows ?? 0} rows (${timer.summary()}).`);
    return { run };
}

/** Ready to publish: every part converted, and nobody (alive) publishing it. */
function claimable(run: RunRecord, parts: PartRecord[], deps: PipelineDeps): boolean {
    const converted = parts.length === run.partCount && parts.every((part) => part.status === 'succeeded');
    if (!converted) return false;
    if (run.status === 'running') return true;
    const silentSince = Date.parse(run.heartbeatAt ?? run.startedAt);
    return run.status === 'publishing' && (deps.exclusive || deps.clock() - silentSince >= deps.timing.leaseMs);
}

/** The run's validation: its parts' summaries merged (undefined when validation is off). */
const runValidation = (parts: PartRecord[]) =>
    mergeSummaries(parts.flatMap((part) => (part.validation ? [JSON.parse(part.validation) as PartValidation] : [])));

function claimRecord(run: RunRecord, parts: PartRecord[], claim: string, deps: PipelineDeps): RunRecord {
    const validation = runValidation(parts);
    const warnings = validation ? hubFailures(validation.failed).map((rule) => rule.id) : [];
    const claimed: RunRecord = {
        ...run,
        status: 'publishing',
        claim,
        heartbeatAt: nowIso(deps),
        ...(run.status === 'publishing' ? { resumes: (run.resumes ?? 0) + 1 } : {}),
        totals: sumTotals(parts.flatMap((part) => (part.totals ? [part.totals] : []))),
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(validation ? { details: JSON.stringify({ validation }) } : {}),
    };
    delete claimed.stagedAt;
    return claimed;
}

async function publishClaimed(
    claimed: RunRecord,
    parts: PartRecord[],
    lease: HeldLease,
    deps: PipelineDeps,
    stalled: string | undefined,
): Promise<RunRecord> {
    const end = (status: Ending['status'], errorCode?: Ending['errorCode'], error?: string) =>
        finish(claimed, { status, errorCode, error }, lease, deps);
    try {
        await finishSwap(lease, deps);
        const current = await deps.runs.getPublication(claimed.dataset, claimed.scope, claimed.month);
        if (current && sameRun(current.value, claimed)) return await end('succeeded');
        if (stalled) return await end('failed', 'RunStalled', stalled);
        const rows = claimed.totals?.rows ?? 0;
        if (claimed.declaredRows !== undefined && claimed.declaredRows !== rows) {
            const error = `Run ${claimed.runId}'s parts hold ${rows} rows but its manifest declares ${claimed.declaredRows}; the export may be incomplete.`;
            return await end('failed', 'RowCountMismatch', error);
        }
        if (rows === 0) return await end('skipped', 'NoRows');
        if (deps.validation.strict && claimed.warnings?.length) {
            const failed = hubFailures(runValidation(parts)?.failed ?? []).map(
                (rule) => `${rule.id} (${rule.rows} row(s): ${rule.message})`,
            );
            const error =
                `The output fails MUST-level FOCUS rules that are not known source gaps: ${failed.join('; ')}. ` +
                'Not published (strict validation); the published data is unchanged. Check the export values these ' +
                'rules name; if they conform, the conversion is at fault: report it (docs/validation.md).';
            return await end('failed', 'ValidationFailed', error);
        }
        const dataset = datasetOfRun(claimed);
        if (current && isSuperseded(current.value, claimed, dataset)) return await end('skipped', 'RunSuperseded');
        const claim = claimed.claim ?? '';
        try {
            await stageRelease(claimed, parts, dataset, claim, () => lease.keepAlive(), deps);
        } catch (error) {
            // Before any folder moves: what fails the same way every time (its release does not reconcile, a file it
            // composes with is gone) ends the run now, with its own code, rather than after every takeover as stalled.
            if (!(error instanceof PipelineError) || error.retryable || stopsProcess(error)) throw error;
            return await end('failed', error.code, error.message);
        }
        const run = await advance(claimed, { stagedAt: nowIso(deps) }, deps);
        const retired = retiredPrefix(run, new Date(deps.clock()));
        await publishDatasets(run, { claim, dataset: run.dataset, phase: 'children', retired }, lease, deps);
        return await finish(run, { status: 'succeeded' }, lease, deps);
    } catch (error) {
        if (!(error instanceof PipelineError && error.code === 'StagingInvalid')) throw error;
        return end('failed', 'StagingInvalid', error.message);
    }
}
