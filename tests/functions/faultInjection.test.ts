import { ContainerClient } from '@azure/storage-blob';

import { type Azurite, startAzurite } from '../helpers/azurite';
import { newContainer } from '../helpers/azuriteStorage';
import { equivalentPoints, FaultMode, FaultPlan } from '../helpers/faultInjection';
import { actualRun, assertComposed, composedWorld, LegacyRun } from '../helpers/functionComposed';
import { cloneWorld, deliverManifest, drainParts, newWorker, recover, World } from '../helpers/functionHost';
import {
    assertQuiescent,
    convertedTemplate,
    replayConverted,
    runB,
    ScenarioRun,
    seededWorld,
    Template,
} from '../helpers/functionScenario';
import { inPool } from '../helpers/inPool';

// Fault injection on the Functions path: the real handlers (ingest, transform, poison, sweep) on Azurite's blob
// container, run table and parts queue, with production settings (leases, deadlines and retries as deployed, no
// exclusive mode), the host played by tests/helpers/functionHost.ts. Each point is a run of a billing account that has
// a published run and a billing profile nested inside it. A fault hits one call a worker makes to a store or the queue,
// in one of three modes: the call fails before reaching storage (`throw`); it takes effect and its answer is lost
// (`lose`); the process dies there (`die`). Then time passes and the host and the timer carry on without faults. After
// every change to a published folder a reader's view of it is checked (a manifest.json beside exactly the files it
// lists, of runs it names; no manifest: only files of the folder moving out, or only of the one moving in); after
// quiescence the newest run is published, its totals exact, every run has ended, and no staging or lease is left.
//
// Which points: those that stand for every call in all three modes (helpers/faultInjection.ts, equivalentPoints:
// `lose` and `die` at every write, `throw` at the first call and at each kind of read), for the publish and the
// conversion; every write, or every other one, in `lose` and `die` by turns for the other schedules. Converting a
// run's parts, the expensive part, is done once for the points that fault its publish (replayConverted); the
// conversion window converts for real.

jest.mock('../../src/adapters/azureDeps', () => {
    const actual = jest.requireActual<typeof import('../../src/adapters/azureDeps')>('../../src/adapters/azureDeps');
    const host = jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost');
    return { createAzureDeps: (config: never) => host.workerDeps(config, actual.createAzureDeps) };
});

/** Worlds run side by side (each a chain of points, one after another). */
const CHAINS = 3;
let azurite: Azurite;
let msexports: ContainerClient;
let template: Template;
let seed: { world: World; q: ScenarioRun };
const counts: string[] = [];

beforeAll(async () => {
    azurite = await startAzurite();
    process.env.HubStorage = azurite.connectionString;
    msexports = await newContainer(azurite.connectionString, 'msexports');
    template = await convertedTemplate(azurite.connectionString, msexports);
    seed = await seededWorld(azurite.connectionString, msexports);
}, 180_000);
afterAll(async () => {
    console.log(`Fault injection through the function handlers (Azurite):\n${counts.join('\n')}`);
    await azurite.stop();
});

interface Point {
    at: number;
    mode: FaultMode | 'stall';
    /** The call faulted, as the clean run made it. */
    call: string;
    /** Collects the calls of a clean run (no fault). */
    trace?: string[];
}

let runs = 0;
const nextRun = () => ++runs;

/**
 * Runs `points` over CHAINS worlds, one after another in each: `setup` makes a world, `schedule` lands a run and
 * processes it with the point's fault, then the world recovers and `check` asserts its state.
 */
async function matrix<R extends ScenarioRun>(
    name: string,
    covers: string,
    points: Point[],
    setup: () => Promise<World>,
    schedule: (world: World, point: Point) => Promise<R>,
    check: (world: World, latest: R) => Promise<void>,
): Promise<void> {
    const started = Date.now();
    const worlds = await Promise.all(Array.from({ length: Math.min(CHAINS, points.length) }, setup));
    const chain = (world: World, w: number) => async () => {
        for (const point of points.filter((_, i) => i % worlds.length === w)) {
            const latest = await schedule(world, point);
            await recover(world);
            try {
                await check(world, latest);
            } catch (error) {
                console.log(`${name} at ${JSON.stringify(point)}:\n${world.logs.slice(-80).join('\n')}`);
                throw error;
            }
        }
    };
    await inPool(worlds.map(chain), worlds.length);
    const modes = [...new Set(points.map((p) => p.mode))].join(', ');
    const took = Math.round((Date.now() - started) / 1000);
    counts.push(`  ${name}: ${covers}, ${points.length} points (${modes}), ${took} s`);
}

/** The calls a clean run of `schedule` makes (the faulted worker's, in order), checked like any point. */
async function callsOf<R extends ScenarioRun>(
    setup: () => Promise<World>,
    schedule: (world: World, point: Point) => Promise<R>,
    check: (world: World, latest: R) => Promise<void>,
): Promise<string[]> {
    const world = await setup();
    const trace: string[] = [];
    const latest = await schedule(world, { at: Number.POSITIVE_INFINITY, mode: 'throw', call: '', trace });
    await recover(world);
    await check(world, latest);
    return trace;
}

/** Every `every`-th write from `from` on (lease renewals aside: see equivalentPoints), in `lose` and `die` by turns. */
function someWrites(calls: string[], from: number, every: number): Point[] {
    return equivalentPoints(calls, ['lose'], from)
        .filter((_, j) => j % every === 0)
        .map((point, j) => ({ ...point, mode: j % 2 === 0 ? ('lose' as const) : ('die' as const) }));
}

/**
 * A worker whose plan stalls it before call `at` while the world recovers without it (time passes, its lease lapses,
 * the sweep takes its work over), then lets it go on from where it stopped, its clock still in the past.
 */
function stallingWorker(world: World, at: number) {
    const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async () => {
        if (plan.calls !== at) return;
        await recover(world).catch(
            (error: unknown) => void world.views.problems.push(`while stalled: ${String(error)}`),
        );
    });
    return { ...newWorker(world, `stalled at ${at}`, plan), offset: world.offset };
}

const victim = (world: World, { at, mode, trace }: Point) =>
    mode === 'stall'
        ? stallingWorker(world, at)
        : newWorker(world, `victim ${at} ${mode}`, new FaultPlan(at, mode, (call) => void trace?.push(call)));

const clone = async (insights = false) => {
    const world = await cloneWorld(seed.world, msexports);
    world.insights = insights;
    return world;
};
const checkB = (world: World, latest: ScenarioRun) => assertQuiescent(world, latest, seed.q);

/** The host delivering a replayed run's last part (every part converted) to the worker. */
const publishReplayed = async (world: World, point: Point) => {
    const b = await replayConverted(template, world, nextRun());
    await drainParts(victim(world, point));
    return b;
};

/** A run landed for real: ingest, then each part in queue order, all by the worker. */
const landAndConvert = (parts: 1 | 2) => async (world: World, point: Point) => {
    const b = await runB(msexports, nextRun(), parts);
    const worker = victim(world, point);
    if (await deliverManifest(worker, b.manifest)) await drainParts(worker);
    return b;
};

let publishCalls: Promise<string[]> | undefined;
/** The calls of a clean publish of a replayed run, traced once for the schedules that fault it. */
const publishTrace = () => (publishCalls ??= callsOf(clone, publishReplayed, checkB));

describe('fault injection through the function handlers on Azurite', () => {
    it('publishes exactly the newest run, whichever call of its publish fails, in every mode', async () => {
        const calls = await publishTrace();
        expect(calls.length).toBeGreaterThan(50);
        const covers = `${calls.length} calls × 3 modes`;
        await matrix('publish, one worker', covers, equivalentPoints(calls), clone, publishReplayed, checkB);
    }, 900_000);

    it('plans and converts through a fault at any call of ingest and transform', async () => {
        const calls = await callsOf(clone, landAndConvert(1), checkB);
        const end = calls.findIndex((call) => call.startsWith('runs.getLease'));
        await matrix(
            'ingest and convert, one worker',
            `${end} calls × 3 modes`,
            equivalentPoints(calls, undefined, 0, end),
            clone,
            landAndConvert(1),
            checkB,
        );
    }, 900_000);

    it('keeps insights and the report whole through a fault at any write of their refresh', async () => {
        const withInsights = () => clone(true);
        const calls = await callsOf(withInsights, publishReplayed, checkB);
        const from = calls.findIndex((call) => call.startsWith('runs.getLease(Anomalies'));
        const writes = someWrites(calls, from, 3);
        const covers = `${calls.length - from} calls, every third write`;
        await matrix('insights refresh, one worker', covers, writes, withInsights, publishReplayed, checkB);
    }, 900_000);

    it('refuses whatever a worker does once it resumes after another took its publish over', async () => {
        const calls = await publishTrace();
        // Every step that changes published data, a publication, the run's status or the lease (the writes into the
        // worker's own staging folder change nothing anyone else reads).
        const fenced = /\.(updateRun|moveFolder|putPublication|deleteLease|deleteFolder)\(/;
        const points = calls.flatMap((call, i): Point[] =>
            fenced.test(call) ? [{ at: i + 1, mode: 'stall', call }] : [],
        );
        expect(points.length).toBeGreaterThan(6);
        await matrix('stalled worker taken over', 'every fenced write', points, clone, publishReplayed, checkB);
    }, 900_000);

    it('is not misled by duplicate and out-of-order messages', async () => {
        const duplicated = async (world: World, point: Point) => {
            const b = await runB(msexports, nextRun());
            const worker = victim(world, point);
            const twin = newWorker(world, 'duplicate');
            // Event Grid delivers the manifest twice; the parts go last first; a part comes again after the end.
            await deliverManifest(worker, b.manifest);
            await deliverManifest(twin, b.manifest);
            await drainParts(worker, 'last');
            await world.stores.queue.enqueue([{ scope: b.scope, runId: b.runId, index: 0 }]);
            return b;
        };
        const calls = await callsOf(clone, duplicated, checkB);
        const from = calls.findIndex((call) => call.startsWith('runs.getLease'));
        const points = equivalentPoints(calls, undefined, from).filter((p) =>
            /moveFolder|putPublication|updateRun/.test(p.call),
        );
        await matrix(
            'duplicates, out of order',
            'moves, publication, status',
            points.slice(0, 3),
            clone,
            duplicated,
            checkB,
        );
    }, 900_000);

    it('lets two workers share a run, whichever of them fails', async () => {
        const twoWorkers = async (world: World, point: Point) => {
            const b = await runB(msexports, nextRun());
            const worker = victim(world, point);
            await deliverManifest(newWorker(world, 'ingest'), b.manifest);
            await Promise.all([drainParts(worker), drainParts(newWorker(world, 'second worker'))]);
            return b;
        };
        const points: Point[] = [8, 20, 32].map((at, i) => ({ at, mode: i % 2 ? 'die' : 'lose', call: '' }));
        await matrix('two workers', 'calls 8, 20, 32', points, clone, twoWorkers, checkB);
    }, 900_000);

    it('composes legacy folders exactly, whichever write of the composed publish fails', async () => {
        const composed = await composedWorld(azurite.connectionString, msexports);
        composed.world.insights = false;
        const setup = () => cloneWorld(composed.world, msexports);
        const schedule = async (world: World, point: Point) => {
            const actual = await actualRun(msexports, nextRun());
            const worker = victim(world, point);
            if (await deliverManifest(worker, actual.manifest)) await drainParts(worker);
            return actual;
        };
        const check = (world: World, actual: LegacyRun) => assertComposed(world, actual, composed.amortized);
        const calls = await callsOf(setup, schedule, check);
        const from = calls.findIndex((call) => call.startsWith('runs.getLease'));
        const covers = `${calls.length - from} calls, every fourth write`;
        await matrix('composed legacy folder', covers, someWrites(calls, from, 4), setup, schedule, check);
    }, 900_000);
});
