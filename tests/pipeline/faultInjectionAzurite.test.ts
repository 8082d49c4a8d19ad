import { TableClient } from '@azure/data-tables';
import { ContainerClient } from '@azure/storage-blob';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createTableRunStore } from '../../src/adapters/tableRunStore';
import { processExports } from '../../src/pipeline/processExports';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { newContainer, newTable, uploadFolder } from '../helpers/azuriteStorage';
import { atEveryCall, FaultMode } from '../helpers/faultInjection';
import { faultedThenRerun, scenarioDeps, Stores, writeExports } from '../helpers/publishScenario';

// The fault-injection matrix of faultInjection.test.ts on Azure Storage (Azurite: blob containers and the run-state
// table). Azurite has a flat blob namespace, where a folder moves blob by blob: a reader may see part of a run while
// it moves, so before each call only "never two runs" is checked; the end state is checked in full.

let azurite: Azurite;
let exportsContainer: ContainerClient;
let seed: { container: ContainerClient; table: TableClient };

const container = (name: string) => newContainer(azurite.connectionString, name);
const table = (name: string) => newTable(azurite.connectionString, name);

beforeAll(async () => {
    azurite = await startAzurite();
    exportsContainer = await uploadFolder(await container('exports'), writeExports(['A', 'Q', 'B']));
    seed = { container: await container('seed'), table: await table('seed') };
    const seeded = await processExports(
        scenarioDeps({
            exports: createBlobStore(await uploadFolder(await container('seedexports'), writeExports(['A', 'Q']))),
            ingestion: createBlobStore(seed.container),
            runs: createTableRunStore(seed.table),
        }),
    );
    expect(seeded.runs.map((r) => r.run.status)).toEqual(['succeeded', 'succeeded']);
}, 120_000);
afterAll(() => azurite.stop());

/** A fresh copy of the seeded ingestion container and run-state table. */
async function restore(): Promise<Stores> {
    const ingestion = await container('ingestion');
    for await (const blob of seed.container.listBlobsFlat()) {
        const body = await seed.container.getBlockBlobClient(blob.name).downloadToBuffer();
        await ingestion.getBlockBlobClient(blob.name).uploadData(body);
    }
    const runs = await table('runs');
    for await (const entity of seed.table.listEntities<Record<string, unknown>>()) {
        const copy: Record<string, unknown> = { ...entity };
        delete copy.etag;
        delete copy.timestamp;
        await runs.createEntity({ ...copy, partitionKey: entity.partitionKey ?? '', rowKey: entity.rowKey ?? '' });
    }
    return {
        exports: createBlobStore(exportsContainer),
        ingestion: createBlobStore(ingestion),
        runs: createTableRunStore(runs),
    };
}

describe('fault injection on Azure Storage (Azurite)', () => {
    it('publishes B exactly once, whichever store call fails or kills the process', async () => {
        const attempt = (at: number, mode: FaultMode) => faultedThenRerun(restore, true, at, mode);
        const total = await attempt(Number.POSITIVE_INFINITY, 'throw');
        console.log(`Fault points (Azurite): ${total} store calls × throw and kill`);
        expect(total).toBeGreaterThan(40);
        await atEveryCall(total, () => ['throw', 'die'], attempt, 4);
    }, 900_000);
});
