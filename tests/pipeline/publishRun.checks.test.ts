import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PipelineError } from '../../src/errors';
import { listPublished } from '../../src/focus/published/listPublished';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { planRun } from '../../src/pipeline/planRun';
import { processExports } from '../../src/pipeline/processExports';
import { runPart } from '../../src/pipeline/runPart';
import { FaultPlan } from '../helpers/faultInjection';
import {
    assertFinalState,
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

// What a publish requires of what it installs, on the folder store: a staged folder that vanished is never installed
// (the run fails with StagingInvalid and readers keep the run they had); a failure recorded while the run publishes
// does not end it; a lost process lock stops the process before its next publish step; the manifest a reader finds
// says when its folder was published.

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hub-checks-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
/** Stores with A and Q published, and the exports of A, Q and B. */
const seeded = (): Promise<Stores> => publishedAQ(join(dir, String(++made)), ['B']);

const costs = (scope: string) => `Costs/2026/10/${scope}`;

/** A gate that opens once: `wait` resolves after `open` is called. */
function gate() {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, wait: () => opened };
}

describe('publishing checks what it installs', () => {
    it('fails a run whose staging vanished during its swap with StagingInvalid, leaving readers the run they had', async () => {
        const stores = await seeded();
        let cleaned = false;
        // Someone empties _staging/ just as B's swap moves the nested scope's folder.
        const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
            if (cleaned || !call.startsWith('ingestion.moveFolder')) return;
            cleaned = true;
            await stores.ingestion.deleteFolder('_staging');
        });
        const { runs } = await processExports(scenarioDeps(stores, plan));
        expect(runs.find((r) => r.run.runId === RUNS.B.runId)?.run).toMatchObject({
            status: 'failed',
            errorCode: 'StagingInvalid',
        });
        expect(await readerView(stores.ingestion, costs(PARENT))).toEqual({
            files: FILES.A,
            runIds: [RUNS.A.runId],
            manifestRun: RUNS.A.runId,
        });
        expect((await readerView(stores.ingestion, costs(CHILD))).files).toEqual(FILES.Q);
    });

    it('fails a run whose release does not reconcile at once, with ReconciliationFailed, publishing nothing', async () => {
        const stores = await seeded();
        // B's parts as the run store gives them back, with one part's recorded input a cent off its output.
        const listParts: Stores['runs']['listParts'] = async (ref) =>
            (await stores.runs.listParts(ref)).map((part) => {
                const input = part.totals?.input?.[0];
                if (ref.runId !== RUNS.B.runId || part.index !== 0 || !input?.sums.BilledCost) return part;
                const off = {
                    ...input,
                    sums: { ...input.sums, BilledCost: `${Number(input.sums.BilledCost) + 0.01}` },
                };
                return { ...part, totals: { ...part.totals!, input: [off, ...(part.totals?.input?.slice(1) ?? [])] } };
            });
        const { runs } = await processExports(scenarioDeps({ ...stores, runs: { ...stores.runs, listParts } }));
        const b = runs.find((r) => r.run.runId === RUNS.B.runId)?.run;
        expect([b?.status, b?.errorCode, b?.resumes ?? 0]).toEqual(['failed', 'ReconciliationFailed', 0]);
        expect(b?.error).toMatch(/BilledCost in .* does not reconcile|does not reconcile: BilledCost/);
        expect((await readerView(stores.ingestion, costs(PARENT))).runIds).toEqual([RUNS.A.runId]);
    });

    it('never fails a publishing run for a duplicate of its part that failed meanwhile', async () => {
        const stores = await seeded();
        const deps = { ...scenarioDeps(stores, undefined, false), queue: createMemoryWorkQueue() };
        await planRun('ba/daily/b/manifest.json', deps);
        const [first, last] = [deps.queue.take(), deps.queue.take()];
        if (!first || !last) throw new Error('B not planned');
        await runPart(first, deps);
        // A duplicate of the last part's message is converting it too, and will fail once the run publishes.
        const converting = gate();
        const failNow = gate();
        const duplicate = runPart(last, {
            ...deps,
            workspace: {
                ...deps.workspace,
                withDuckDb: async () => {
                    converting.open();
                    await failNow.wait();
                    throw new PipelineError('TransformFailed', 'DuckDB crashed on the duplicate');
                },
            },
        });
        await converting.wait();
        // Another worker converts the same part, claims the run and, once its publish is under way, lets the
        // duplicate fail and waits for it to be done.
        let leaseWrites = 0;
        const held = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
            if (!call.startsWith('runs.putLease') || ++leaseWrites !== 2) return;
            failNow.open();
            await duplicate.catch(() => undefined);
        });
        await runPart(last, { ...deps, runs: held.wrap(stores.runs, 'runs') });
        expect((await stores.runs.getRun(RUNS.B))?.value.status).toBe('succeeded');
        await processExports(scenarioDeps(stores));
        await assertFinalState(stores);
    });

    it('stops before the next publish step once the process lost its lock, never inside one', async () => {
        const stores = await seeded();
        let steps = 0;
        const checkLock = () => {
            steps += 1;
            if (steps > 3) throw new PipelineError('LockLost', 'The lock was lost.');
        };
        const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) =>
            call.startsWith('ingestion.') ? assertReaderSeesOneRun(stores.ingestion, false) : undefined,
        );
        await expect(processExports({ ...scenarioDeps(stores, plan), checkLock })).rejects.toMatchObject({
            code: 'LockLost',
        });
        expect((await stores.runs.getRun(RUNS.B))?.value.status).toBe('publishing');
        await assertReaderSeesOneRun(stores.ingestion, false);
        await processExports(scenarioDeps(stores));
        await assertFinalState(stores);
    });

    it('says in each published manifest when its folder was published', async () => {
        const stores = await seeded();
        const before = new Date().toISOString();
        await processExports(scenarioDeps(stores));
        const [folder] = await listPublished(stores.ingestion, 'Costs', { scope: PARENT });
        expect(folder?.runId).toBe(RUNS.B.runId);
        expect(folder?.publishedAt).toEqual(expect.any(String));
        expect(folder?.publishedAt && folder.publishedAt >= before).toBe(true);
        const record = await stores.runs.getPublication('Costs', PARENT, '2026-10');
        expect(record?.value.publishedAt).toBe(folder?.publishedAt);
    });
});
