import { equivalentPoints } from '../helpers/faultInjection';
import { callsOf, checkB, matrix, publishReplayed, seedClone, useBench } from '../helpers/functionFaults';

// Fault injection on the Functions path (see tests/helpers/functionFaults.ts): the publish of a run whose parts are
// all converted, every call in every mode. The handlers get the stores of the simulated worker they run in.

jest.mock('../../src/adapters/azureDeps', () =>
    jest.requireActual<typeof import('../helpers/functionHost')>('../helpers/functionHost').azureDepsInWorkers(),
);

const started = useBench({ template: true, seed: true });

describe('fault injection through the function handlers on Azurite', () => {
    it('publishes exactly the newest run, whichever call of its publish fails, in every mode', async () => {
        const bench = started();
        const [setup, schedule, check] = [seedClone(bench), publishReplayed(bench), checkB(bench)];
        const calls = await callsOf(setup, schedule, check);
        expect(calls.length).toBeGreaterThan(50);
        const covers = `${calls.length} calls × 3 modes`;
        await matrix(bench, 'publish, one worker', covers, equivalentPoints(calls), setup, schedule, check);
    }, 900_000);
});
