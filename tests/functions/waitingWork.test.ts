import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

import { TransientError } from '../../src/errors';
import { readFolderManifest } from '../../src/focus/folderManifest';
import { Azurite, startAzurite } from '../helpers/azurite';
import { landRun } from '../helpers/azuriteStorage';
import { FaultMode, FaultPlan, MODES } from '../helpers/faultInjection';
import { actualRun, assertComposed, composedWorld } from '../helpers/functionComposed';
import {
    createWorld,
    deliverManifest,
    drainManifestPoison,
    drainParts,
    newWorker,
    readBlob,
    recover,
    tick,
    World,
} from '../helpers/functionHost';

// Work that waits, through the function handlers on Azurite (the host's queues and retries played by
// functionHost.ts; time passing is the worker's simulated clock, while messages keep the time Azurite sent them at):
// - a queue backlog is not a stall: while the parts queue is behind by more than HUB_RUN_STALE_MINUTES, a run whose
//   parts wait their turn is neither queued again nor failed; once the queue has caught up, a silent run is resumed;
// - a publish that takes longer than its lease (many files, each copied slowly) renews the lease as it goes: the
//   sweep, ticking meanwhile, never takes it over; a renewal that fails, whose answer is lost, or at which the
//   process dies only ends that attempt, and the run is published once by whoever takes it over;
// - a manifest whose ingest failed on every attempt of the blob trigger (the run table unreachable) is planned again
//   from the trigger's poison queue by `ingestRetry`, and if that keeps failing, a failed-run line names it.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

let azurite: Azurite;
let msexports: ContainerClient;
beforeAll(async () => {
    azurite = await startAzurite();
    process.env.HubStorage = azurite.connectionString;
    msexports = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('msexports');
    await msexports.create();
}, 60_000);
afterAll(() => azurite.stop());

const land = (runId: string, parts: number) => landRun(msexports, runId, parts);

/** A landed export run of two parts, planned by ingest: its two messages wait on the parts queue. */
async function planned(world: World, runId: string): Promise<void> {
    await deliverManifest(newWorker(world, 'ingest'), await land(runId, 2));
}

const waiting = async (world: World) => (await world.queue.getProperties()).approximateMessagesCount;

describe('the sweep and a backlog of parts', () => {
    it('leaves a run whose parts wait their turn alone, and it succeeds once they are taken', async () => {
        const world = await createWorld(azurite.connectionString, msexports);
        await planned(world, 'ba000000-0000-0000-0000-000000000001');
        const worker = newWorker(world, 'host');
        const seen: string[] = [];
        for (let sweep = 0; sweep < 4; sweep++) {
            world.offset += 46 * 60_000;
            await tick(worker);
            const [run] = await world.stores.runs.listRuns();
            seen.push(`${run?.status}/${run?.resumes ?? 0}/${await waiting(world)}`);
        }
        expect(seen).toEqual(['running/0/2', 'running/0/2', 'running/0/2', 'running/0/2']);
        await drainParts(worker);
        const [run] = await world.stores.runs.listRuns();
        expect([run?.status, run?.totals?.rows]).toEqual(['succeeded', 2]);
    }, 120_000);

    it('resumes a silent run once the queue has caught up: its messages were lost', async () => {
        const world = await createWorld(azurite.connectionString, msexports);
        await planned(world, 'ba000000-0000-0000-0000-000000000002');
        await world.queue.clearMessages();
        const worker = newWorker(world, 'host');
        world.offset += 46 * 60_000;
        await tick(worker);
        const [run] = await world.stores.runs.listRuns();
        expect([run?.status, run?.resumes, await waiting(world)]).toEqual(['running', 1, 2]);
        await drainParts(worker);
        expect((await world.stores.runs.listRuns())[0]?.status).toBe('succeeded');
    }, 120_000);
});

/**
 * A publishing worker for which staging each file (a copy or a download of a converted or published Costs file)
 * takes `share` of the publish lease (HUB_PUBLISH_LEASE_SECONDS, 600 s as deployed), while the sweep timer ticks; it
 * fails call `at` in `mode`, and traces its calls into `calls`.
 */
function slowStaging(world: World, share: number, at = Number.POSITIVE_INFINITY, mode: FaultMode = 'throw') {
    const timer = newWorker(world, 'timer');
    const staged: string[] = [];
    const calls: string[] = [];
    const plan = new FaultPlan(at, mode, async (call) => {
        calls.push(call);
        if (!/^ingestion\.(copy|download)\((_staging\/[^/]+\/converted|Costs)\//.test(call)) return;
        staged.push(call);
        world.offset += share * 600_000;
        await tick(timer);
    });
    return { publisher: newWorker(world, 'publisher', plan), staged, calls };
}

/** The run `runId` was published by the worker that started its publish: never taken over, never stalled. */
async function publishedWithoutTakeover(world: World, runId: string): Promise<void> {
    const run = (await world.stores.runs.listRuns()).find((r) => r.runId === runId);
    expect([run?.status, run?.resumes ?? 0]).toEqual(['succeeded', 0]);
    expect(world.logs.filter((line) => /lost the publish lease|claimed by another worker|stalled/.test(line))).toEqual(
        [],
    );
    const published = world.logs.filter((line) => line.includes(`Run ${runId}: succeeded`));
    expect(published).toEqual([expect.stringMatching(/^publisher: /)]);
}

describe('a publish that outlasts its lease', () => {
    it('keeps the lease while it stages file after file: the sweep leaves it alone, and it publishes once', async () => {
        const world = await createWorld(azurite.connectionString, msexports);
        const runId = 'bb000000-0000-0000-0000-000000000001';
        await deliverManifest(newWorker(world, 'ingest'), await land(runId, 8));
        // Eight converted parts copied, each in 40 % of the lease: 3.2 leases in all.
        const { publisher, staged } = slowStaging(world, 0.4);
        await drainParts(publisher);
        expect(staged).toHaveLength(8);
        await publishedWithoutTakeover(world, runId);
        expect((await world.stores.runs.listRuns())[0]?.totals?.rows).toBe(8);
    }, 120_000);

    it('keeps it through a composed publish too (a published file staged, then a filtered one)', async () => {
        const { world, amortized } = await composedWorld(azurite.connectionString, msexports);
        const actual = await actualRun(msexports, 1);
        // The amortized run's published file copied and read (for its partials), then the actual run's converted file
        // read (to filter it), each in 60 % of the lease: 1.8 leases in all.
        const { publisher, staged } = slowStaging(world, 0.6);
        await deliverManifest(publisher, actual.manifest);
        await drainParts(publisher);
        expect(staged).toHaveLength(3);
        await publishedWithoutTakeover(world, actual.runId);
        await assertComposed(world, actual, amortized);
    }, 120_000);

    it('ends published once whatever happens to a renewal: it fails, its answer is lost, or the process dies', async () => {
        const parts = 4;
        const landed = async (world: World, n: number) => {
            const runId = `bb000000-0000-0000-0000-00000000010${n}`;
            await deliverManifest(newWorker(world, 'ingest'), await land(runId, parts));
            return runId;
        };
        // A clean run shows which call is the first renewal: the lease written after the first file is staged.
        const clean = await createWorld(azurite.connectionString, msexports);
        await landed(clean, 0);
        const { publisher, calls } = slowStaging(clean, 0.4);
        await drainParts(publisher);
        const firstStaged = calls.findIndex((call) => call.includes('/converted/Costs/'));
        const renewal = calls.findIndex((call, i) => i > firstStaged && call.startsWith('runs.putLease(Costs/'));
        expect(renewal).toBeGreaterThan(firstStaged);
        for (const mode of MODES) {
            const world = await createWorld(azurite.connectionString, msexports);
            const runId = await landed(world, MODES.indexOf(mode) + 1);
            const faulted = slowStaging(world, 0.4, renewal + 1, mode);
            await drainParts(faulted.publisher);
            expect([mode, faulted.calls[renewal]]).toEqual([mode, calls[renewal]]);
            await recover(world);
            expect(world.views.report()).toEqual([]);
            const [run] = await world.stores.runs.listRuns();
            expect([mode, run?.runId, run?.status, run?.totals?.rows]).toEqual([mode, runId, 'succeeded', parts]);
            const name = 'Costs/2026/10/subscriptions/00000000-0000-0000-0000-000000000001/manifest.json';
            const files = readFolderManifest((await readBlob(world.ingestionClient, name)) ?? '', name).files;
            expect([mode, files.filter((file) => file.name.startsWith(`${runId}__`)).length]).toEqual([mode, parts]);
            expect(await world.stores.runs.listLeases()).toEqual([]);
            expect(await world.stores.ingestion.list('_staging/')).toEqual([]);
        }
    }, 240_000);
});

/** A worker for which recording a run fails (StorageUnavailable) while `down` says storage is down. */
function flaky(world: World, down: () => boolean) {
    const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) => {
        if (down() && call.startsWith('runs.createRun')) throw new TransientError('StorageUnavailable', 'injected 503');
    });
    return newWorker(world, 'host', plan);
}

describe('a manifest whose ingest kept failing', () => {
    it('is planned from the blob trigger poison queue once storage answers, and its run succeeds', async () => {
        const world = await createWorld(azurite.connectionString, msexports);
        const manifest = await land('be000000-0000-0000-0000-000000000001', 1);
        let down = true;
        const host = flaky(world, () => down);
        await deliverManifest(host, manifest);
        expect(await world.stores.runs.listRuns()).toEqual([]);
        down = false;
        await drainManifestPoison(host);
        await drainParts(host);
        const [run] = await world.stores.runs.listRuns();
        expect([run?.manifest, run?.status, run?.totals?.rows]).toEqual([manifest, 'succeeded', 1]);
    }, 120_000);

    it('raises the failed-runs alert when every retry fails too', async () => {
        const world = await createWorld(azurite.connectionString, msexports);
        const manifest = await land('be000000-0000-0000-0000-000000000002', 1);
        const host = flaky(world, () => true);
        await deliverManifest(host, manifest);
        await drainManifestPoison(host);
        expect(await world.stores.runs.listRuns()).toEqual([]);
        // The worker's name leads each of its lines here; the alert's pattern applies to the message.
        const messages = world.logs.map((line) => line.replace(/^host: /, ''));
        const alerted = messages.filter((line) => /^Run (\S+) (?:failed|stalled): (\w+): /.test(line));
        expect(alerted).toEqual([
            expect.stringMatching(/^Run unplanned-[0-9a-f]{12} failed: StorageUnavailable: manifest /),
        ]);
        expect(alerted[0]).toContain(manifest);
        const { receivedMessageItems } = await world.manifestPoison.receiveMessages();
        expect(receivedMessageItems).toEqual([]);
    }, 120_000);
});
