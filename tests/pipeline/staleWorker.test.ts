import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createMemoryWorkQueue, MemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import { planRun } from '../../src/pipeline/planRun';
import { processExports } from '../../src/pipeline/processExports';
import { recordPoisoned } from '../../src/pipeline/recordPoisoned';
import { runPart } from '../../src/pipeline/runPart';
import { FaultPlan } from '../helpers/faultInjection';
import {
    assertReaderSeesOneRun,
    CHILD,
    FILES,
    PARENT,
    publishedAQ,
    readerView,
    RUNS,
    scenarioDeps,
    Stores,
} from '../helpers/publishScenario';

// A worker that stalled (a long garbage collection, a frozen VM, a slow network) while another took its work over
// resumes and carries on where it was: nothing it then does may change what the other published or recorded. Workers
// share a folder store and a file run store as two Function instances share storage (not the CLI's exclusive mode);
// their leases and claims last a millisecond, so the other worker takes over at once. Hooks hold a worker between two
// store calls; nothing sleeps.

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hub-stale-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
const seeded = (): Promise<Stores> => publishedAQ(join(dir, String(++made)), ['B', 'C']);

/** Deps of one of two live workers whose leases and claims lapse after a millisecond. */
function shortLived(stores: Stores, plan?: FaultPlan): PipelineDeps & { queue: MemoryWorkQueue } {
    const base = scenarioDeps(stores, plan, false);
    return { ...base, timing: { ...base.timing, leaseMs: 1 }, queue: createMemoryWorkQueue() };
}

function gate() {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, wait: () => opened };
}

const costs = (scope: string) => `Costs/2026/10/${scope}`;

describe('a worker that stalled and resumes', () => {
    it('cannot retire or record anything after another worker finished its swap and published a newer run', async () => {
        const stores = await seeded();
        const check = (call: string) =>
            call.startsWith('ingestion.') ? assertReaderSeesOneRun(stores.ingestion, false) : undefined;
        // W publishes B and stalls just before it retires the billing account's Costs folder.
        const stalled = gate();
        const resume = gate();
        let moves = 0;
        const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
            await check(call);
            if (call.startsWith('ingestion.moveFolder') && ++moves === 2) {
                stalled.open();
                await resume.wait();
            }
        });
        const w = shortLived(stores, plan);
        await planRun('ba/daily/b/manifest.json', w);
        const working = (async () => {
            for (let item = w.queue.take(); item; item = w.queue.take()) await runPart(item, w);
        })().catch((error: unknown) => error);
        await stalled.wait();
        // Meanwhile H takes B over (finishing W's swap), then publishes the newer run C.
        const h = shortLived(stores, new FaultPlan(Number.POSITIVE_INFINITY, 'throw', check));
        await processExports(h);
        expect(await readerView(stores.ingestion, costs(PARENT))).toMatchObject({ files: FILES.C });
        resume.open();
        const outcome = await working;
        expect(outcome).toMatchObject({ code: 'PublishBusy' });
        expect(await readerView(stores.ingestion, costs(PARENT))).toEqual({
            files: FILES.C,
            runIds: [RUNS.C.runId],
            manifestRun: RUNS.C.runId,
        });
        expect((await readerView(stores.ingestion, costs(CHILD))).files).toEqual(FILES.Q);
        expect((await stores.runs.getPublication('Costs', PARENT, '2026-10'))?.value.runId).toBe(RUNS.C.runId);
        expect((await stores.runs.getRun(RUNS.B))?.value.status).toBe('succeeded');
    });

    it('cannot fail a run for a poisoned part once the run is publishing', async () => {
        const stores = await seeded();
        const deps = shortLived(stores);
        await planRun('ba/daily/b/manifest.json', deps);
        const [first, last] = [deps.queue.take(), deps.queue.take()];
        if (!first || !last) throw new Error('B not planned');
        await runPart(first, deps);
        // The poison function reads the run (converting) and its part, then stalls before recording the failure.
        const read = gate();
        const resume = gate();
        const poisoned = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
            if (!/^runs\.(putPart|updatePart)/.test(call)) return;
            read.open();
            await resume.wait();
        });
        const poison = recordPoisoned(last, { ...deps, runs: poisoned.wrap(stores.runs, 'runs') });
        await read.wait();
        // A later delivery of the same part converts it; its run publishes, and stalls in its swap.
        const swapping = gate();
        const finish = gate();
        let leaseWrites = 0;
        const publisher = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
            if (!call.startsWith('runs.putLease') || ++leaseWrites !== 3) return;
            swapping.open();
            await finish.wait();
        });
        const publishing = runPart(last, { ...deps, runs: publisher.wrap(stores.runs, 'runs') });
        await swapping.wait();
        resume.open();
        await poison;
        finish.open();
        await publishing;
        expect((await stores.runs.getRun(RUNS.B))?.value).toMatchObject({ status: 'succeeded' });
        expect(await readerView(stores.ingestion, costs(PARENT))).toMatchObject({ files: FILES.B });
    });
});
