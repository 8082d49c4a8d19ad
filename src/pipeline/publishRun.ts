import { decimalSum } from '../focus/decimalSum';
import { belongsToRun, datasetFolder, FOLDER_MANIFEST, publishedNames } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { CostTotals, PartRecord, Publication, RunRecord } from './ports';

/**
 * Publishes a run once all its parts are staged. One finisher wins the `running → publishing` transition (ETag), so
 * two parts finishing together cannot both publish. The newest run (by submittedTime) of a dataset, scope and month
 * wins: its files are copied into the folder first, the folder manifest is rewritten, and only then are the older
 * run's files removed. A run older than the one published is recorded as skipped (`RunSuperseded`).
 */
export async function publishRun(runId: string, deps: PipelineDeps, resume = false): Promise<RunRecord | undefined> {
    const stored = await deps.runs.getRun(runId);
    if (!stored) return undefined;
    const parts = await deps.runs.listParts(runId);
    const ready = parts.length === stored.value.partCount && parts.every((p) => p.status === 'succeeded');
    const claimable = stored.value.status === 'running' || (resume && stored.value.status === 'publishing');
    if (!ready || !claimable) return stored.value;
    const run: RunRecord = { ...stored.value, status: 'publishing', totals: sumTotals(parts) };
    if (!(await deps.runs.updateRun(run, stored.etag))) return (await deps.runs.getRun(runId))?.value;

    const outcome = run.totals?.rows === 0 ? 'NoRows' : await replaceFolder(run, parts, deps);
    for (const name of await deps.ingestion.list(`_staging/${runId}/`)) await deps.ingestion.delete(name);
    const finished: RunRecord = {
        ...run,
        status: outcome === 'published' ? 'succeeded' : 'skipped',
        ...(outcome === 'published' ? {} : { errorCode: outcome }),
        finishedAt: nowIso(),
    };
    const current = await deps.runs.getRun(runId);
    if (current) await deps.runs.updateRun(finished, current.etag);
    deps.log(
        `Run ${runId}: ${finished.status}${outcome === 'published' ? '' : ` (${outcome})`}, ${run.totals?.rows ?? 0} rows.`,
    );
    return finished;
}

async function replaceFolder(
    run: RunRecord,
    parts: PartRecord[],
    deps: PipelineDeps,
): Promise<'published' | 'RunSuperseded'> {
    const folder = datasetFolder(run.dataset, run.month, run.scope);
    const names = publishedNames(
        folder,
        run.runId,
        parts.map((p) => p.blobName),
    );
    for (;;) {
        const current = await deps.runs.getPublication(run.dataset, run.scope, run.month);
        if (current && isNewer(current.value, run)) return 'RunSuperseded';
        for (const [i, part] of parts.entries()) await deps.ingestion.copy(part.stagedName ?? '', names[i] ?? '');
        const publication: Publication = { ...pickKey(run), publishedAt: nowIso() };
        if (await deps.runs.putPublication(publication, current?.etag)) break;
    }
    await deps.ingestion.writeText(
        `${folder}/${FOLDER_MANIFEST}`,
        JSON.stringify(folderManifest(run, parts, names), null, 2),
        'application/json',
    );
    for (const name of await deps.ingestion.list(`${folder}/`)) {
        const inFolder = name.slice(folder.length + 1);
        if (!inFolder.includes('/') && inFolder !== FOLDER_MANIFEST && !belongsToRun(name, run.runId)) {
            await deps.ingestion.delete(name);
        }
    }
    return 'published';
}

function isNewer(publication: Publication, run: RunRecord): boolean {
    if (publication.runId === run.runId) return false;
    if (publication.submittedTime !== run.submittedTime) return publication.submittedTime > run.submittedTime;
    return publication.runId > run.runId;
}

function pickKey(run: RunRecord) {
    const { dataset, scope, month, runId, submittedTime } = run;
    return { dataset, scope, month, runId, submittedTime };
}

function sumTotals(parts: PartRecord[]): CostTotals {
    const totals = parts.map((p) => p.totals ?? { rows: 0, billedCost: '0', effectiveCost: '0' });
    return {
        rows: totals.reduce((sum, t) => sum + t.rows, 0),
        billedCost: decimalSum(totals.map((t) => t.billedCost)),
        effectiveCost: decimalSum(totals.map((t) => t.effectiveCost)),
    };
}

/** What a reader of the folder needs: which files are current, their rows and exact cost totals. */
function folderManifest(run: RunRecord, parts: PartRecord[], names: string[]) {
    return {
        ...pickKey(run),
        focusVersion: '1.2',
        sourceDataVersion: run.dataVersion,
        sourceManifest: run.manifest,
        publishedAt: nowIso(),
        ...run.totals,
        files: parts.map((part, i) => ({ name: (names[i] ?? '').split('/').pop(), ...part.totals })),
    };
}
