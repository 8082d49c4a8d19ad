import { equivalentPoints } from '../helpers/faultInjection';
import { callsOf, checkB, matrix, nextRun, Point, seedClone, useBench, victim } from '../helpers/functionFaults';
import { deliverManifest, drainParts, newWorker, World } from '../helpers/functionHost';
import { runB } from '../helpers/functionScenario';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): messages as the host may deliver them
// (twice, out of order, after the run ended) and two workers sharing a run, under a fault.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

const started = useBench({ seed: true });

describe('fault injection through the function handlers on Azurite', () => {
    it('is not misled by duplicate and out-of-order messages', async () => {
        const bench = started();
        const { msexports } = bench;
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
        const [setup, check] = [seedClone(bench), checkB(bench)];
        const calls = await callsOf(setup, duplicated, check);
        const from = calls.findIndex((call) => call.startsWith('runs.getLease'));
        const points = equivalentPoints(calls, undefined, from).filter((p) =>
            /moveFolder|putPublication|updateRun/.test(p.call),
        );
        const covers = 'moves, publication, status';
        await matrix(bench, 'duplicates, out of order', covers, points.slice(0, 3), setup, duplicated, check);
    }, 900_000);

    it('lets two workers share a run, whichever of them fails', async () => {
        const bench = started();
        const { msexports } = bench;
        const twoWorkers = async (world: World, point: Point) => {
            const b = await runB(msexports, nextRun());
            const worker = victim(world, point);
            await deliverManifest(newWorker(world, 'ingest'), b.manifest);
            await Promise.all([drainParts(worker), drainParts(newWorker(world, 'second worker'))]);
            return b;
        };
        const points: Point[] = [8, 20, 32].map((at, i) => ({ at, mode: i % 2 ? 'die' : 'lose', call: '' }));
        await matrix(bench, 'two workers', 'calls 8, 20, 32', points, seedClone(bench), twoWorkers, checkB(bench));
    }, 900_000);
});
