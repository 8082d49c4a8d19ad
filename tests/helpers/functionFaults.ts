import { ContainerClient } from '@azure/storage-blob';

import { type Azurite, startAzurite } from './azurite';
import { newContainer } from './azuriteStorage';
import { equivalentPoints, FaultMode, FaultPlan, faultTier, pointsToRun } from './faultInjection';
import { cloneWorld, deliverManifest, drainParts, newWorker, recover, World } from './functionHost';
import {
    assertQuiescent,
    convertedTemplate,
    replayConverted,
    runB,
    ScenarioRun,
    seededWorld,
    Template,
} from './functionScenario';
import { inPool } from './inPool';

// The matrix of the handler-level fault injection (tests/functions/faultInjection.*.test.ts): the real handlers
// (ingest, transform, poison, sweep) on Azurite's blob container, run table and parts queue, with production settings
// (leases, deadlines and retries as deployed, no exclusive mode), the host played by functionHost.ts. Each point is a
// run of a billing account that has a published run and a billing profile nested inside it. A fault hits one call a
// worker makes to a store or the queue, in one of three modes: the call fails before reaching storage (`throw`); it
// takes effect and its answer is lost (`lose`); the process dies there (`die`). Then time passes and the host and the
// timer carry on without faults. After every change to a published folder a reader's view of it is checked (a
// manifest.json beside exactly the files it lists, of runs it names; no manifest: only files of the folder moving out,
// or only of the one moving in); after quiescence the newest run is published, its totals exact, every run has ended,
// and no staging or lease is left.
//
// Which points: those that stand for every call in all three modes (faultInjection.ts, equivalentPoints: `lose` and
// `die` at every write, `throw` at the first call and at each kind of read), for the publish and the conversion; every
// third or fourth write, in `lose` and `die` by turns, for the other schedules. All of them with FAULT_POINTS=all (as
// CI runs); by default a fixed sample of each matrix (faultInjection.ts, samplePoints). Converting a run's parts, the
// expensive part, is done once for the points that fault its publish (replayConverted); the conversion window converts
// for real. Each schedule is a test file of its own, so that jest's workers share the matrix out; a file starts one
// Azurite and builds only the worlds its schedules start from.

/** Worlds run side by side (each a chain of points, one after another). */
const CHAINS = 3;

export interface Point {
    at: number;
    mode: FaultMode | 'stall';
    /** The call faulted, as the clean run made it. */
    call: string;
    /** Collects the calls of a clean run (no fault). */
    trace?: string[];
}

/** One test file's Azurite and exports container, and the worlds its schedules start from. */
export interface FaultBench {
    azurite: Azurite;
    msexports: ContainerClient;
    /** B0 converted, nothing published (with `template`). */
    template?: Template;
    /** A and Q published (with `seed`). */
    seed?: { world: World; q: ScenarioRun };
    /** What each schedule covered, printed after the file. */
    counts: string[];
}

/** Starts Azurite for the Functions settings (HubStorage) and builds the starting worlds asked for. */
async function startBench(needs: { template?: boolean; seed?: boolean }): Promise<FaultBench> {
    const azurite = await startAzurite();
    process.env.HubStorage = azurite.connectionString;
    const msexports = await newContainer(azurite.connectionString, 'msexports');
    const template = needs.template ? await convertedTemplate(azurite.connectionString, msexports) : undefined;
    const seed = needs.seed ? await seededWorld(azurite.connectionString, msexports) : undefined;
    return { azurite, msexports, template, seed, counts: [] };
}

async function stopBench(bench: FaultBench | undefined): Promise<void> {
    if (!bench) return;
    const tier = faultTier();
    console.log(
        `Fault injection through the function handlers (Azurite), FAULT_POINTS=${tier}:\n${bench.counts.join('\n')}`,
    );
    await bench.azurite.stop();
}

/**
 * The bench of one test file: Azurite and what `needs` asks for, started before its tests and stopped after them
 * (printing what its matrices covered). Returns the bench, once started.
 */
export function useBench(needs: { template?: boolean; seed?: boolean }): () => FaultBench {
    let bench: FaultBench | undefined;
    beforeAll(async () => {
        bench = await startBench(needs);
    }, 180_000);
    afterAll(() => stopBench(bench));
    return () => {
        if (!bench) throw new Error('the fault bench did not start');
        return bench;
    };
}

let runs = 0;
export const nextRun = () => ++runs;

/**
 * Runs `points` (all, or the sample: pointsToRun) over CHAINS worlds, one after another in each: `setup` makes a
 * world, `schedule` lands a run and processes it with the point's fault, then the world recovers and `check` asserts
 * its state.
 */
export async function matrix<R extends ScenarioRun>(
    bench: FaultBench,
    name: string,
    covers: string,
    points: Point[],
    setup: () => Promise<World>,
    schedule: (world: World, point: Point) => Promise<R>,
    check: (world: World, latest: R) => Promise<void>,
): Promise<void> {
    const started = Date.now();
    const { run, says } = pointsToRun(points);
    const worlds = await Promise.all(Array.from({ length: Math.min(CHAINS, run.length) }, setup));
    const chain = (world: World, w: number) => async () => {
        for (const point of run.filter((_, i) => i % worlds.length === w)) {
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
    const modes = [...new Set(run.map((p) => p.mode))].join(', ');
    const took = Math.round((Date.now() - started) / 1000);
    bench.counts.push(`  ${name}: ${covers}, ${says}, modes ${modes}, ${took} s`);
}

/** The calls a clean run of `schedule` makes (the faulted worker's, in order), checked like any point. */
export async function callsOf<R extends ScenarioRun>(
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
export function someWrites(calls: string[], from: number, every: number): Point[] {
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

/** The worker a point faults: stalled, or failing one call in the point's mode (tracing every call it makes). */
export const victim = (world: World, { at, mode, trace }: Point) =>
    mode === 'stall'
        ? stallingWorker(world, at)
        : newWorker(world, `victim ${at} ${mode}`, new FaultPlan(at, mode, (call) => void trace?.push(call)));

/** A copy of the seed world (A and Q published), with or without insights. */
export const seedClone =
    (bench: FaultBench, insights = false) =>
    async () => {
        if (!bench.seed) throw new Error('the bench was started without the seed world');
        const world = await cloneWorld(bench.seed.world, bench.msexports);
        world.insights = insights;
        return world;
    };

/** After quiescence: the newest run B published beside the seed's Q (see assertQuiescent). */
export const checkB = (bench: FaultBench) => (world: World, latest: ScenarioRun) => {
    if (!bench.seed) throw new Error('the bench was started without the seed world');
    return assertQuiescent(world, latest, bench.seed.q);
};

/** The host delivering a replayed run's last part (every part converted) to the worker. */
export const publishReplayed = (bench: FaultBench) => async (world: World, point: Point) => {
    if (!bench.template) throw new Error('the bench was started without the converted template');
    const b = await replayConverted(bench.template, world, nextRun());
    await drainParts(victim(world, point));
    return b;
};

/** A run landed for real: ingest, then each part in queue order, all by the worker. */
export const landAndConvert = (bench: FaultBench, parts: 1 | 2) => async (world: World, point: Point) => {
    const b = await runB(bench.msexports, nextRun(), parts);
    const worker = victim(world, point);
    if (await deliverManifest(worker, b.manifest)) await drainParts(worker);
    return b;
};
