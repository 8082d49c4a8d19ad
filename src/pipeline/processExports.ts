import { ensureError, stopsProcess } from '../errors';
import { datasetFor, DATASETS } from '../focus/datasets/registry';
import { isRunManifest, parseRunManifest } from '../focus/runManifest';
import { createMemoryWorkQueue, MemoryWorkQueue } from './memoryWorkQueue';
import { PipelineDeps } from './pipelineDeps';
import { planRun } from './planRun';
import { RunRecord } from './ports';
import { runPart } from './runPart';
import { sweepRuns } from './sweepRuns';

export interface ProcessedRun {
    manifest: string;
    run: RunRecord;
}

export interface ProcessResult {
    /** Every run the process touched, as stored at the end. */
    runs: ProcessedRun[];
    /**
     * Manifests that could not even be planned (storage unreachable), or that name a run another manifest planned:
     * nothing was recorded for them.
     */
    unplanned: { manifest: string; error: string }[];
}

/**
 * The local runner. First finishes or repairs what an interrupted earlier process left (sweepRuns), then finds every
 * manifest.json (and telemetry.json) in the exports store and processes the runs one after another (unreadable manifests first, so they
 * are reported; then runs of datasets others look up, such as Prices, so that Costs processed in the same call find
 * them; each group in submittedTime order), each part in turn. One failed run does not stop the others; a lost lock
 * (`LockLost`) stops everything. Resolves to every run it touched, as stored at the end, and the manifests it could
 * not plan.
 */
export async function processExports(
    deps: Omit<PipelineDeps, 'queue'>,
    onRun: (done: ProcessedRun, index: number, total: number) => void = () => {},
): Promise<ProcessResult> {
    const queue = createMemoryWorkQueue(deps.clock);
    const local = { ...deps, queue };
    const touched = new Map<string, RunRecord>();
    const unplanned: ProcessResult['unplanned'] = [];
    const keep = (run: RunRecord) => touched.set(`${run.scope}|${run.runId}`, run);
    for (const run of await sweepRuns(local)) keep(run);
    await drain(queue, local);
    const manifests = (await deps.exports.list('')).filter(isRunManifest);
    const ordered = await Promise.all(manifests.map(async (name) => ({ name, ...(await runOrder(deps, name)) })));
    ordered.sort((a, b) => a.rank - b.rank || a.submitted.localeCompare(b.submitted) || a.name.localeCompare(b.name));
    for (const [index, { name }] of ordered.entries()) {
        try {
            const run = await planRun(name, local);
            if (run.manifest !== name) {
                // Another manifest planned this run (a run folder copied elsewhere): this one is not processed.
                unplanned.push({
                    manifest: name,
                    error:
                        `ManifestInvalid: manifest ${name} names run ${run.runId} of ${run.scope}, which ${run.manifest} ` +
                        "planned; it was not processed. A run's manifest must not change: re-run the export to get a new run.",
                });
                continue;
            }
            keep(run);
            await drain(queue, local);
            onRun({ manifest: name, run: (await deps.runs.getRun(run))?.value ?? run }, index + 1, ordered.length);
        } catch (error) {
            const failure = ensureError(error);
            if (stopsProcess(failure)) throw failure;
            unplanned.push({ manifest: name, error: failure.message });
        }
    }
    const results: ProcessedRun[] = [];
    for (const run of touched.values()) {
        results.push({ manifest: run.manifest, run: (await deps.runs.getRun(run))?.value ?? run });
    }
    return { runs: results, unplanned };
}

/** Runs every queued part; a part whose run cannot finish now is logged and left for the next `process`. */
async function drain(queue: MemoryWorkQueue, deps: PipelineDeps): Promise<void> {
    for (let item = queue.take(); item; item = queue.take()) {
        try {
            await runPart(item, deps);
        } catch (error) {
            const failure = ensureError(error);
            if (stopsProcess(failure)) throw failure;
            deps.log(`Part ${item.runId}#${item.index}: ${failure.message}`);
        }
    }
}

/** Datasets some converter reads while converting (Costs reads Prices). */
const LOOKED_UP = new Set(DATASETS.flatMap((dataset) => dataset.lookups ?? []));

/** Where a manifest's run goes in the order: unreadable 0, looked-up datasets 1, the rest 2; then submittedTime. */
async function runOrder(deps: Omit<PipelineDeps, 'queue'>, name: string): Promise<{ rank: number; submitted: string }> {
    try {
        const manifest = parseRunManifest(await deps.exports.readText(name), name);
        let lookedUp = false;
        try {
            lookedUp = LOOKED_UP.has(datasetFor(manifest, name).name);
        } catch {
            // An unsupported export is planned (and recorded as failed) with the others.
        }
        return { rank: lookedUp ? 1 : 2, submitted: manifest.submittedTime };
    } catch {
        return { rank: 0, submitted: '' };
    }
}
