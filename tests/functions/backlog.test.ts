import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

import { Azurite, startAzurite } from '../helpers/azurite';
import { uploadFolder } from '../helpers/azuriteStorage';
import { writeExport } from '../helpers/exportTree';
import { createWorld, deliverManifest, drainParts, newWorker, tick, World } from '../helpers/functionHost';

// A queue backlog is not a stall, through the function handlers on Azurite: while the parts queue is behind by more
// than HUB_RUN_STALE_MINUTES, a run whose parts wait their turn is neither queued again nor failed; once the queue has
// caught up, a run still silent is resumed as before. Time passing is the worker's simulated clock (functionHost.ts);
// messages keep the time Azurite sent them at, so the queue falls behind as the clock moves on.

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

/** A landed export run of two parts, planned by ingest: its two messages wait on the parts queue. */
async function planned(world: World, runId: string): Promise<void> {
    const root = mkdtempSync(join(tmpdir(), 'hub-backlog-'));
    const manifest = writeExport(root, {
        runId,
        submittedTime: '2026-10-05T00:00:00Z',
        month: '2026-10',
        parts: [[{ BilledCost: '1' }], [{ BilledCost: '2' }]],
    });
    await uploadFolder(msexports, root);
    await deliverManifest(newWorker(world, 'ingest'), manifest);
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
