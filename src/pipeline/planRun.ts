import { createHash } from 'node:crypto';

import { ensureError, InputError } from '../errors';
import { datasetFor } from '../focus/datasets/registry';
import { publishedNames } from '../focus/layout';
import { ExportManifest } from '../focus/manifest';
import { parseRunManifest } from '../focus/runManifest';
import { sumTotals } from '../focus/totals';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { recordFailure } from './recordFailure';
import { requeueRun } from './requeueRun';

/**
 * Starts the run a manifest describes: validates it, records the run and its parts, and queues one work item per
 * part. Delivering the same manifest again is safe: a finished run is left alone, a running one has its unfinished
 * parts queued again (recovering from a crash before the queueing), a failed one is retried.
 */
export async function planRun(manifestName: string, deps: PipelineDeps): Promise<RunRecord> {
    let manifest: ExportManifest | undefined;
    try {
        manifest = parseRunManifest(await deps.exports.readText(manifestName), manifestName);
        const dataset = datasetFor(manifest, manifestName);
        const scope = dataset.folderScope?.(manifest) ?? manifest.scope;
        return await startRun(toRun({ ...manifest, scope }, manifestName, dataset.name, deps), manifest, deps);
    } catch (error) {
        const failure = ensureError(error);
        if (!(failure instanceof InputError)) throw failure;
        const run = manifest
            ? toRun(manifest, manifestName, manifest.type, deps)
            : { ...toRun(undefined, manifestName, 'unknown', deps), runId: unreadableRunId(manifestName) };
        return recordFailure(run, failure, deps);
    }
}

async function startRun(run: RunRecord, manifest: ExportManifest, deps: PipelineDeps): Promise<RunRecord> {
    // Only a run without parts is empty unread: parts are read whatever the manifest counts (publishRun checks them).
    const empty = manifest.blobs.length === 0;
    const planned: RunRecord = empty
        ? { ...run, status: 'skipped', errorCode: 'NoRows', finishedAt: nowIso(deps), totals: sumTotals([]) }
        : run;
    const created = await deps.runs.createRun(planned);
    if (!created.created) {
        const { value: existing, etag } = created.existing;
        if (existing.status !== 'failed') {
            const changed = await partsChanged(existing, manifest, run.manifest, deps);
            if (changed && existing.status === 'running') {
                return recordFailure(existing, new InputError('ManifestInvalid', changed), deps);
            }
            if (changed)
                deps.log(`Run ${run.runId}: ManifestInvalid not recorded, the run is ${existing.status}. ${changed}`);
            if (changed || existing.status !== 'running') return existing;
            await planParts(existing, manifest, false, deps);
            return requeueRun(existing, deps);
        }
        if (!(await deps.runs.updateRun(planned, etag))) return existing;
    }
    if (empty) return planned;
    await planParts(run, manifest, true, deps);
    await deps.queue.enqueue(manifest.blobs.map((_, index) => ({ scope: run.scope, runId: run.runId, index })));
    deps.log(`Run ${run.runId}: ${run.dataset} ${run.scope} ${run.month}, ${manifest.blobs.length} part(s) queued.`);
    return planned;
}

/**
 * Records the run's parts as pending: all of them (`fresh`, a new or retried run), or those an interrupted planning
 * left unrecorded.
 */
export async function planParts(
    run: RunRecord,
    manifest: ExportManifest,
    fresh: boolean,
    deps: PipelineDeps,
): Promise<void> {
    const known = fresh ? new Set<number>() : new Set((await deps.runs.listParts(run)).map((part) => part.index));
    const outputNames = publishedNames(
        run.runId,
        manifest.blobs.map((blob) => blob.name),
    );
    await Promise.all(
        manifest.blobs.flatMap((blob, index) =>
            known.has(index)
                ? []
                : [
                      deps.runs.putPart({
                          scope: run.scope,
                          runId: run.runId,
                          index,
                          blobName: blob.name,
                          outputName: outputNames[index] ?? '',
                          status: 'pending',
                          ...(blob.dataRowCount === null ? {} : { declaredRows: blob.dataRowCount }),
                      }),
                  ],
        ),
    );
}

/**
 * Why a manifest delivered again does not describe the run recorded for it (other parts, or as many parts under other
 * names), or undefined when it does. Cost Management never rewrites a run's manifest: the parts a run converts and
 * publishes are those it was planned with.
 */
async function partsChanged(
    run: RunRecord,
    manifest: ExportManifest,
    delivered: string,
    deps: PipelineDeps,
): Promise<string | undefined> {
    const recorded = await deps.runs.listParts(run);
    const renamed = recorded.filter((part) => manifest.blobs[part.index]?.name !== part.blobName);
    if (run.partCount === manifest.blobs.length && renamed.length === 0) return undefined;
    const again = delivered === run.manifest ? 'was delivered again listing' : 'lists for the same run';
    return (
        `Manifest ${delivered} ${again} ${manifest.blobs.length} part(s), but run ${run.runId} was planned with ` +
        `${run.partCount}` +
        (renamed.length > 0 ? ` (${renamed.length} named differently)` : '') +
        (delivered === run.manifest ? '' : ` from ${run.manifest}`) +
        ". A run's manifest must not change: re-run the export to get a new run."
    );
}

function toRun(
    manifest: ExportManifest | undefined,
    manifestName: string,
    dataset: string,
    deps: PipelineDeps,
): RunRecord {
    const now = nowIso(deps);
    return {
        runId: manifest?.runId ?? '',
        scope: manifest?.scope ?? '',
        manifest: manifestName,
        dataset,
        exportType: manifest?.type ?? '',
        dataVersion: manifest?.dataVersion ?? '',
        month: manifest?.month ?? '',
        ...(manifest ? { periodStart: manifest.period.start, periodEnd: manifest.period.end } : {}),
        submittedTime: manifest?.submittedTime ?? '',
        status: 'running',
        partCount: manifest?.blobs.length ?? 0,
        ...(typeof manifest?.declaredRows === 'number' ? { declaredRows: manifest.declaredRows } : {}),
        startedAt: now,
        heartbeatAt: now,
    };
}

/** A stable id for a manifest that could not be read, so re-deliveries update one record. */
function unreadableRunId(manifestName: string): string {
    return `unreadable-${manifestDigest(manifestName).slice(0, 32)}`;
}

/** The SHA-256 of a manifest's name, in hex: a stable key for a manifest that has no run of its own. */
export function manifestDigest(manifestName: string): string {
    return createHash('sha256').update(manifestName).digest('hex');
}
