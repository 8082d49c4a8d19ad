import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { createTableRunStore } from '../../src/adapters/tableRunStore';
import { ensureError } from '../../src/errors';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import { planRun } from '../../src/pipeline/planRun';
import { runPart } from '../../src/pipeline/runPart';
import { sweepRuns } from '../../src/pipeline/sweepRuns';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { copyStorage, newContainer, newTable, uploadFolder } from '../helpers/azuriteStorage';
import { FaultPlan, pointsToRun } from '../helpers/faultInjection';
import {
    assertFinalState,
    assertReaderSeesOneRun,
    B_TOTALS,
    publishedTotals,
    scenarioDeps,
    Stores,
    writeExports,
} from '../helpers/publishScenario';

// Runs A (older) and B (newer) of one scope and month are processed at once by two workers sharing the stores, as two
// Function instances would: each plans its run, converts its parts with queue-like retries, and publishes; afterwards
// the sweeper runs once, as the timer would. Whatever the order, B must end up published, alone and exact. Q, of a
// billing profile inside the same billing account, is processed and published before A and B start.

let azurite: Azurite;
let scratch: string;
beforeAll(async () => {
    azurite = await startAzurite();
    scratch = mkdtempSync(join(tmpdir(), 'hub-races-'));
}, 60_000);
afterAll(async () => {
    await azurite.stop();
    rmSync(scratch, { recursive: true, force: true });
});

/**
 * A backend's stores where every race starts (the exports of Q, A and B landed, read only and shared by the races),
 * and `copy`, which makes fresh stores holding what they hold now.
 */
interface Start {
    stores: Stores;
    copy(): Promise<Stores>;
}

function folderStart(): Promise<Start> {
    const root = mkdtempSync(join(scratch, 'start-'));
    const exports = createFolderStore(writeExports(['Q', 'A', 'B']));
    const under = (dir: string) => ({
        exports,
        ingestion: createFolderStore(join(dir, 'ingestion')),
        runs: createFileRunStore(join(dir, 'state')),
    });
    const copy = () => {
        const dir = mkdtempSync(join(scratch, 'run-'));
        cpSync(root, dir, { recursive: true });
        return Promise.resolve(under(dir));
    };
    return Promise.resolve({ stores: under(root), copy });
}

async function azuriteStart(): Promise<Start> {
    const { connectionString } = azurite;
    const exports = createBlobStore(
        await uploadFolder(await newContainer(connectionString, 'exports'), writeExports(['Q', 'A', 'B'])),
    );
    const container = await newContainer(connectionString, 'ingestion');
    const table = await newTable(connectionString, 'races');
    const copy = async () => {
        const ingestion = await newContainer(connectionString, 'ingestion');
        const runs = await newTable(connectionString, 'races');
        await copyStorage({ container, table }, { container: ingestion, table: runs });
        return { exports, ingestion: createBlobStore(ingestion), runs: createTableRunStore(runs) };
    };
    return { stores: { exports, ingestion: createBlobStore(container), runs: createTableRunStore(table) }, copy };
}

const backends: [string, boolean, () => Promise<Start>][] = [
    ['folder store', false, folderStart],
    ['Azurite', true, azuriteStart],
];

/**
 * The seeds of the random interleavings: all five with FAULT_POINTS=all (as CI runs), by default the fixed sample of
 * them (faultInjection.ts, samplePoints), as for the fault points.
 */
const SEEDS = pointsToRun([1, 2, 3, 4, 5].map((seed) => ({ seed, mode: 'interleaved', call: '' })));
afterAll(() => console.log(`Random interleavings: ${SEEDS.says}, seeds ${SEEDS.run.map((p) => p.seed).join(', ')}`));

const MANIFEST = { A: 'ba/daily/a/manifest.json', B: 'ba/daily/b/manifest.json', Q: 'bp/daily/q/manifest.json' };

/** One worker: plans `run`, then handles its queue as the Functions host would (5 deliveries, retry on transient). */
async function worker(run: 'A' | 'B' | 'Q', deps: Omit<PipelineDeps, 'queue'>): Promise<void> {
    const queue = createMemoryWorkQueue();
    const local = { ...deps, queue };
    await planRun(MANIFEST[run], local);
    for (let item = queue.take(); item; item = queue.take()) {
        for (let attempt = 1; attempt <= 5; attempt++) {
            try {
                await runPart(item, local, { number: attempt, last: attempt === 5 });
                break;
            } catch (error) {
                if (!ensureError(error).retryable) throw error;
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
        }
    }
}

/** A gate that opens once: `wait` resolves after `open` is called. */
function gate() {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, wait: () => opened };
}

/** Pipeline deps over `stores` that check a reader's view before every ingestion call, then call `before`. */
const checkedDeps =
    (stores: Stores, flat: boolean) =>
    (before: (call: string) => Promise<void> | void = () => {}) =>
        scenarioDeps(
            stores,
            new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
                if (call.startsWith('ingestion.')) await assertReaderSeesOneRun(stores.ingestion, flat);
                await before(call);
            }),
            false,
        );

describe.each(backends)('racing publishes on the %s', (_name, flat, makeStart) => {
    /** Q processed and published, alone (the same every time: nothing runs beside it), where every race starts. */
    let start: Start;
    beforeAll(async () => {
        start = await makeStart();
        await worker('Q', checkedDeps(start.stores, flat)());
    }, 60_000);

    async function race(hook: (run: 'A' | 'B') => (call: string) => Promise<void> | void) {
        const stores = await start.copy();
        const deps = checkedDeps(stores, flat);
        const results = await Promise.allSettled([worker('A', deps(hook('A'))), worker('B', deps(hook('B')))]);
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        await sweepRuns({ ...scenarioDeps(stores, undefined, false), queue: createMemoryWorkQueue() });
        return stores;
    }

    it('the older run publishes first, then the newer replaces it', async () => {
        const released = gate();
        const stores = await race((run) => async (call) => {
            if (run === 'B' && call.startsWith('runs.getLease')) await released.wait();
            if (run === 'A' && call.startsWith('runs.deleteLease')) setTimeout(released.open, 5);
        });
        await assertFinalState(stores, 'succeeded');
        expect(await publishedTotals(stores.ingestion)).toEqual(B_TOTALS);
    });

    it('the newer run publishes first, then the older is skipped as superseded', async () => {
        const released = gate();
        const stores = await race((run) => async (call) => {
            if (run === 'A' && call.startsWith('runs.getLease')) await released.wait();
            if (run === 'B' && call.startsWith('runs.deleteLease')) setTimeout(released.open, 5);
        });
        await assertFinalState(stores, 'skipped');
        expect(await publishedTotals(stores.ingestion)).toEqual(B_TOTALS);
    });

    it.each(SEEDS.run.map((p) => p.seed))('both publish at once, interleaved at random (seed %i)', async (seed) => {
        let state = seed;
        const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        // Both runs wait for each other at their first look at the lease, then go on with random delays.
        const arrived = new Set<string>();
        const both = gate();
        const stores = await race((run) => async (call) => {
            if (call.startsWith('runs.getLease') && !arrived.has(run)) {
                arrived.add(run);
                if (arrived.size === 2) both.open();
                await both.wait();
            }
            if (arrived.size > 0) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
        });
        await assertFinalState(stores, 'either');
        expect(await publishedTotals(stores.ingestion)).toEqual(B_TOTALS);
    });
});
