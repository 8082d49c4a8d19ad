import { equivalentPoints } from '../helpers/faultInjection';
import { callsOf, checkB, landAndConvert, matrix, seedClone, useBench } from '../helpers/functionFaults';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): ingest and the conversion of a run's
// parts, every call in every mode, each point converting for real.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

const started = useBench({ seed: true });

describe('fault injection through the function handlers on Azurite', () => {
    it('plans and converts through a fault at any call of ingest and transform', async () => {
        const bench = started();
        const [setup, schedule, check] = [seedClone(bench), landAndConvert(bench, 1), checkB(bench)];
        const calls = await callsOf(setup, schedule, check);
        const end = calls.findIndex((call) => call.startsWith('runs.getLease'));
        const points = equivalentPoints(calls, undefined, 0, end);
        await matrix(bench, 'ingest and convert, one worker', `${end} calls × 3 modes`, points, setup, schedule, check);
    }, 900_000);
});
