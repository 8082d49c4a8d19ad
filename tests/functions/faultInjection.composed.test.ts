import { actualRun, assertComposed, composedWorld, LegacyRun } from '../helpers/functionComposed';
import { callsOf, matrix, nextRun, Point, someWrites, useBench, victim } from '../helpers/functionFaults';
import { cloneWorld, deliverManifest, drainParts, World } from '../helpers/functionHost';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): a legacy actual cost run composing
// with the published amortized run of its month, a fault at every fourth write of its publish.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

const started = useBench({});

describe('fault injection through the function handlers on Azurite', () => {
    it('composes legacy folders exactly, whichever write of the composed publish fails', async () => {
        const bench = started();
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
