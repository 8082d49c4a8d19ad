import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

import { TransientError } from '../../src/errors';
import { Azurite, startAzurite } from '../helpers/azurite';
import { uploadFolder } from '../helpers/azuriteStorage';
import { writeExport } from '../helpers/exportTree';
import { FaultPlan } from '../helpers/faultInjection';
import {
    createWorld,
    deliverManifest,
    drainManifestPoison,
    drainParts,
    newWorker,
    World,
} from '../helpers/functionHost';

// A manifest whose ingest failed on every attempt of the blob trigger (the run table unreachable) is not lost, through
// the function handlers on Azurite: the host's poison message for it is planned again by `ingestRetry`, and if that
// keeps failing too, a failed-run line names it for the alert. The host's retries and poison queues are played by
// functionHost.ts (deliverManifest, drainManifestPoison).

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

async function land(runId: string): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), 'hub-ingest-retry-'));
    const manifest = writeExport(root, {
        runId,
        submittedTime: '2026-10-05T00:00:00Z',
        month: '2026-10',
        parts: [[{ BilledCost: '1' }]],
    });
    await uploadFolder(msexports, root);
    return manifest;
}

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
        const manifest = await land('be000000-0000-0000-0000-000000000001');
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
        const manifest = await land('be000000-0000-0000-0000-000000000002');
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
