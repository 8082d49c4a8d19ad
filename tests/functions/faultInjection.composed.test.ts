import { actualRun, assertComposed, composedWorld, LegacyRun } from '../helpers/functionComposed';
import {
    callsOf,
    FaultBench,
    matrix,
    nextRun,
    Point,
    someWrites,
    startBench,
    stopBench,
    victim,
} from '../helpers/functionFaults';
import { cloneWorld, deliverManifest, drainParts, World } from '../helpers/functionHost';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): a legacy actual cost run composing
// with the published amortized run of its month, a fault at every fourth write of its publish.

jest.mock('../../src/adapters/azureDeps', () => {
    const actual = jest.requireActual<typeof import('../../src/adapters/azureDeps')>('../../src/adapters/azureDeps');
    const host = jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost');
    return { createAzureDeps: (config: never) => host.workerDeps(config, actual.createAzureDeps) };
});

let bench: FaultBench | undefined;
beforeAll(async () => {
    bench = await startBench({});
}, 180_000);
afterAll(() => stopBench(bench));

describe('fault injection through the function handlers on Azurite', () => {
    it('composes legacy folders exactly, whichever write of the composed publish fails', async () => {
        if (!bench) throw new Error('no bench');
        const { azurite, msexports } = bench;
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
        await matrix(bench, 'composed legacy folder', covers, someWrites(calls, from, 4), setup, schedule, check);
    }, 900_000);
});
