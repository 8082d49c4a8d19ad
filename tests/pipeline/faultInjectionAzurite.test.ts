import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createTableRunStore } from '../../src/adapters/tableRunStore';
import { processExports } from '../../src/pipeline/processExports';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { FaultMode, FaultPlan } from '../helpers/faultInjection';
import { inPool } from '../helpers/inPool';
import {
    assertFinalState,
    assertReaderSeesOneRun,
    B_TOTALS,
    publishedTotals,
    scenarioDeps,
    Stores,
    writeExports,
} from '../helpers/publishScenario';

// The fault-injection matrix of faultInjection.test.ts on Azure Storage (Azurite: blob containers and the run-state
// table). Azurite has a flat blob namespace, where a folder moves blob by blob: a reader may see part of a run while
// it moves, so before each call only "never two runs" is checked; the end state is checked in full.

let azurite: Azurite;
let blobs: BlobServiceClient;
let exportsContainer: ContainerClient;
let seed: { container: ContainerClient; table: TableClient };
let made = 0;

beforeAll(async () => {
    azurite = await startAzurite();
    blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    exportsContainer = await upload(writeExports(['A', 'Q', 'B']), 'exports');
    seed = { container: await container('seed'), table: await table('seed') };
    const seeded = await processExports(
        scenarioDeps({
            exports: createBlobStore(await upload(writeExports(['A', 'Q']), 'seedexports')),
            ingestion: createBlobStore(seed.container),
            runs: createTableRunStore(seed.table),
        }),
    );
    expect(seeded.runs.map((r) => r.run.status)).toEqual(['succeeded', 'succeeded']);
}, 120_000);
afterAll(() => azurite.stop());

async function container(name: string): Promise<ContainerClient> {
    const client = blobs.getContainerClient(`${name}${++made}`);
    await client.create();
    return client;
}

async function table(name: string): Promise<TableClient> {
    const client = TableClient.fromConnectionString(azurite.connectionString, `${name}${++made}`, {
        allowInsecureConnection: true,
    });
    await client.createTable();
    return client;
}

/** A container holding the files of a local export folder. */
async function upload(root: string, name: string): Promise<ContainerClient> {
    const target = await container(name);
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        const path = join(entry.parentPath, entry.name);
        await target.getBlockBlobClient(path.slice(root.length + 1)).uploadData(readFileSync(path));
    }
    return target;
}

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

async function faultedThenRerun(at: number, mode: FaultMode): Promise<number> {
    const target = await restore();
    const plan = new FaultPlan(at, mode, (call) =>
        call.startsWith('ingestion.') ? assertReaderSeesOneRun(target.ingestion, true) : undefined,
    );
    await processExports(scenarioDeps(target, plan)).catch(() => undefined);
    const rerun = await processExports(scenarioDeps(target, new FaultPlan()));
    expect(rerun.unplanned).toEqual([]);
    await assertFinalState(target);
    expect(await publishedTotals(target.ingestion)).toEqual(B_TOTALS);
    return plan.calls;
}

describe('fault injection on Azure Storage (Azurite)', () => {
    it('publishes B exactly once, whichever store call fails or kills the process', async () => {
        const total = await faultedThenRerun(Number.POSITIVE_INFINITY, 'throw');
        console.log(`Fault points (Azurite): ${total} store calls × throw and kill`);
        expect(total).toBeGreaterThan(40);
        const jobs = Array.from({ length: total }, (_, i) => i + 1).flatMap((at) =>
            (['throw', 'die'] as const).map(
                (mode) => () =>
                    faultedThenRerun(at, mode).catch((error: unknown) => {
                        throw new Error(`fault at call ${at} (${mode}): ${String(error)}`, { cause: error });
                    }),
            ),
        );
        await inPool(jobs, 4);
    }, 900_000);
});
