import {
    callsOf,
    checkB,
    matrix,
    Point,
    publishReplayed,
    seedClone,
    someWrites,
    useBench,
} from '../helpers/functionFaults';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): the insights refresh after a publish,
// and a worker that stalls before each fenced write of its publish while the sweep takes the publish over.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

const started = useBench({ template: true, seed: true });

describe('fault injection through the function handlers on Azurite', () => {
    it('keeps insights and the report whole through a fault at any write of their refresh', async () => {
        const bench = started();
        const [setup, schedule, check] = [seedClone(bench, true), publishReplayed(bench), checkB(bench)];
        const calls = await callsOf(setup, schedule, check);
        const from = calls.findIndex((call) => call.startsWith('runs.getLease(Anomalies'));
        const covers = `${calls.length - from} calls, every third write`;
        await matrix(bench, 'insights refresh, one worker', covers, someWrites(calls, from, 3), setup, schedule, check);
    }, 900_000);

    it('refuses whatever a worker does once it resumes after another took its publish over', async () => {
        const bench = started();
        const [setup, schedule, check] = [seedClone(bench), publishReplayed(bench), checkB(bench)];
        const calls = await callsOf(setup, schedule, check);
        // Every step that changes published data, a publication, the run's status or the lease (the writes into the
        // worker's own staging folder change nothing anyone else reads).
        const fenced = /\.(updateRun|moveFolder|putPublication|deleteLease|deleteFolder)\(/;
        const points = calls.flatMap((call, i): Point[] =>
            fenced.test(call) ? [{ at: i + 1, mode: 'stall', call }] : [],
        );
        expect(points.length).toBeGreaterThan(6);
        await matrix(bench, 'stalled worker taken over', 'every fenced write', points, setup, schedule, check);
    }, 900_000);
});
