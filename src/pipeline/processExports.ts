import { createMemoryWorkQueue } from '../adapters/memoryWorkQueue';
import { parseManifest } from '../focus/manifest';
import { PipelineDeps } from './pipelineDeps';
import { planRun } from './planRun';
import { RunRecord } from './ports';
import { runPart } from './runPart';

export interface ProcessedRun {
    manifest: string;
    run: RunRecord;
}

/**
 * The local runner: finds every manifest.json in the exports store and processes the runs one after another in
 * submittedTime order (unreadable manifests first, so they are reported), each part in turn. One failed run does not
 * stop the others.
 */
export async function processExports(
    deps: Omit<PipelineDeps, 'queue'>,
    onRun: (done: ProcessedRun, index: number, total: number) => void = () => {},
): Promise<ProcessedRun[]> {
    const manifests = (await deps.exports.list('')).filter((name) => name.split('/').pop() === 'manifest.json');
    const ordered = await Promise.all(
        manifests.map(async (name) => ({ name, submitted: await submittedTime(deps, name) })),
    );
    ordered.sort((a, b) => a.submitted.localeCompare(b.submitted) || a.name.localeCompare(b.name));
    const results: ProcessedRun[] = [];
    for (const { name } of ordered) {
        const queue = createMemoryWorkQueue();
        let run = await planRun(name, { ...deps, queue });
        for (let item = queue.take(); item; item = queue.take()) {
            run = (await runPart(item, { ...deps, queue })) ?? run;
        }
        results.push({ manifest: name, run });
        onRun({ manifest: name, run }, results.length, ordered.length);
    }
    return results;
}

async function submittedTime(deps: Omit<PipelineDeps, 'queue'>, name: string): Promise<string> {
    try {
        return parseManifest(await deps.exports.readText(name), name).submittedTime;
    } catch {
        return '';
    }
}
