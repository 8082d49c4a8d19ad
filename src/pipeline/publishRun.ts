import { publishedNames } from '../focus/layout';
import { mergeSummaries, PartValidation } from '../focus/validation/mergeSummaries';
import { aiUnitEconomicsRelease } from './aiUnitEconomicsRelease';
import { clearStaging } from './clearStaging';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, RunRecord } from './ports';
import { DatasetRelease, replaceFolder } from './replaceFolder';
import { stageTimer } from './stageTimer';
import { sumTotals } from './sumTotals';

/**
 * Publishes a run once all its parts are staged. One finisher wins the `running → publishing` transition (ETag), so
 * two parts finishing together cannot both publish; `resume` lets a redelivered message finish a publish whose
 * worker died. The newest run (by submittedTime) of a dataset, scope and month wins (see replaceFolder); a run older
 * than the one published is recorded as skipped (`RunSuperseded`), a run without rows as skipped (`NoRows`).
 */
export async function publishRun(runId: string, deps: PipelineDeps, resume = false): Promise<RunRecord | undefined> {
    const stored = await deps.runs.getRun(runId);
    if (!stored) return undefined;
    const parts = await deps.runs.listParts(runId);
    const ready = parts.length === stored.value.partCount && parts.every((p) => p.status === 'succeeded');
    const claimable = stored.value.status === 'running' || (resume && stored.value.status === 'publishing');
    if (!ready || !claimable) return stored.value;
    const validation = mergeSummaries(
        parts.flatMap((p) => (p.validation ? [JSON.parse(p.validation) as PartValidation] : [])),
    );
    const run: RunRecord = {
        ...stored.value,
        status: 'publishing',
        totals: sumTotals(parts),
        ...(validation ? { details: JSON.stringify({ validation }) } : {}),
    };
    if (!(await deps.runs.updateRun(run, stored.etag))) return (await deps.runs.getRun(runId))?.value;

    const timer = stageTimer();
    const outcome = await timer.time('publish', async () =>
        run.totals?.rows === 0 ? 'NoRows' : publishDatasets(run, parts, deps),
    );
    await clearStaging(runId, deps);
    const finished: RunRecord = {
        ...run,
        status: outcome === 'published' ? 'succeeded' : 'skipped',
        ...(outcome === 'published' ? {} : { errorCode: outcome }),
        finishedAt: nowIso(),
    };
    const current = await deps.runs.getRun(runId);
    if (current) await deps.runs.updateRun(finished, current.etag);
    const note = outcome === 'published' ? '' : ` (${outcome})`;
    deps.log(`Run ${runId}: ${finished.status}${note}, ${run.totals?.rows ?? 0} rows (${timer.summary()}).`);
    return finished;
}

/** Costs first, then the AI unit economics derived from them; a superseded run publishes neither. */
async function publishDatasets(run: RunRecord, parts: PartRecord[], deps: PipelineDeps) {
    const costs = await replaceFolder(run, costsRelease(run, parts), deps);
    if (costs !== 'published') return costs;
    return replaceFolder(run, await aiUnitEconomicsRelease(run, parts, deps), deps);
}

function costsRelease(run: RunRecord, parts: PartRecord[]): DatasetRelease {
    const names = publishedNames(
        run.runId,
        parts.map((p) => p.blobName),
    );
    return {
        dataset: run.dataset,
        totals: run.totals,
        files: parts.map((part, i) => ({
            staged: part.stagedName ?? '',
            published: names[i] ?? '',
            totals: part.totals,
        })),
    };
}
