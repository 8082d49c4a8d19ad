import { ensureError } from '../errors';
import { parseManifest } from '../focus/manifest';
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
    /** Manifests that could not even be planned (storage unreachable): nothing was recorded for them. */
    unplanned: { manifest: string; error: string }[];
}

/**
 * The local runner. First finishes or repairs what an interrupted earlier process left (sweepRuns), then finds every
 * manifest.json in the exports store and processes the runs one after another in submittedTime order (unreadable
 * manifests first, so they are reported), each part in turn. One failed run does not stop the others. Resolves to
 * every run it touched, as stored at the end, and the manifests it could not plan.
 */
export async function processExports(
    deps: Omit<PipelineDeps, 'queue'>,
    onRun: (done: ProcessedRun, index: number, total: number) => void = () => {},
): Promise<ProcessResult> {
    const queue = createMemoryWorkQueue();
    const local = { ...deps, queue };
    const touched = new Map<string, RunRecord>();
    const unplanned: ProcessResult['unplanned'] = [];
    const keep = (run: RunRecord) => touched.set(`${run.scope}|${run.runId}`, run);
    for (const run of await sweepRuns(local)) keep(run);
    await drain(queue, local);
    const manifests = (await deps.exports.list('')).filter((name) => name.split('/').pop() === 'manifest.json');
    const ordered = await Promise.all(
        manifests.map(async (name) => ({ name, submitted: await submittedTime(deps, name) })),
    );
    ordered.sort((a, b) => a.submitted.localeCompare(b.submitted) || a.name.localeCompare(b.name));
    for (const [index, { name }] of ordered.entries()) {
        try {
            const run = await planRun(name, local);
            keep(run);
            await drain(queue, local);
            onRun({ manifest: name, run: (await deps.runs.getRun(run))?.value ?? run }, index + 1, ordered.length);
        } catch (error) {
            unplanned.push({ manifest: name, error: ensureError(error).message });
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
            deps.log(`Part ${item.runId}#${item.index}: ${ensureError(error).message}`);
        }
    }
}

async function submittedTime(deps: Omit<PipelineDeps, 'queue'>, name: string): Promise<string> {
    try {
        return parseManifest(await deps.exports.readText(name), name).submittedTime;
    } catch {
        return '';
    }
}
