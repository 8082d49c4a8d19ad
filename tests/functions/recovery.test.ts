import { TableClient } from '@azure/data-tables';
import { InvocationContext, Timer } from '@azure/functions';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';

import { hubDeps } from '../../functions/hubDeps';
import { ingest } from '../../functions/ingest/index';
import { poison } from '../../functions/poison/index';
import { sweep } from '../../functions/sweep/index';
import { keyPart } from '../../src/adapters/tableRunStore';
import { convertPart } from '../../src/pipeline/convertPart';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { landRun } from '../helpers/azuriteStorage';

// Every run ends, through the function handlers on Azurite: poison messages fail their run, and the timer's sweep
// publishes runs whose publish message was lost and fails runs that keep stalling. Event Grid and the host's queue
// plumbing cannot run here: the tests call the handlers as the host would. Time passing is simulated by moving a
// run's timestamps back in the run-state table.

const SUB = 'subscriptions/00000000-0000-0000-0000-000000000001';
let azurite: Azurite;
let exportsContainer: ContainerClient;
let queue: QueueClient;
let table: TableClient;
const logs: string[] = [];

beforeAll(async () => {
    azurite = await startAzurite();
    process.env.HubStorage = azurite.connectionString;
    const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    exportsContainer = blobs.getContainerClient('msexports');
    await exportsContainer.create();
    await blobs.getContainerClient('ingestion').create();
    queue = new QueueClient(azurite.connectionString, 'hub-parts');
    table = TableClient.fromConnectionString(azurite.connectionString, 'hubruns', { allowInsecureConnection: true });
}, 60_000);
afterAll(() => azurite.stop());

const context = (functionName: string) =>
    new InvocationContext({ functionName, logHandler: (_level, ...args) => logs.push(args.join(' ')) });

async function land(runId: string, parts: number): Promise<string> {
    const manifest = await landRun(exportsContainer, runId, parts);
    await ingest(
        Buffer.from(''),
        new InvocationContext({ functionName: 'ingest', triggerMetadata: { name: manifest } }),
    );
    await drain();
    return manifest;
}

/** Takes (and deletes) every message on the parts queue, as if their workers had died. */
async function drain(): Promise<unknown[]> {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
    await Promise.all(receivedMessageItems.map((m) => queue.deleteMessage(m.messageId, m.popReceipt)));
    return receivedMessageItems.map((m): unknown => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')));
}

const run = (runId: string) => table.getEntity<Record<string, unknown>>('run', `${keyPart(SUB)}|${keyPart(runId)}`);
const timer = { isPastDue: false } as Timer;

/** Moves the run's heartbeat and its parts' times an hour back: the workers have been silent that long. */
async function silence(runId: string): Promise<void> {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const key = { partitionKey: 'run', rowKey: `${keyPart(SUB)}|${keyPart(runId)}` };
    await table.updateEntity({ ...key, startedAt: hourAgo, heartbeatAt: hourAgo }, 'Merge');
    for await (const part of table.listEntities<Record<string, unknown>>({
        queryOptions: { filter: `PartitionKey eq 'part-${keyPart(SUB)}|${keyPart(runId)}'` },
    })) {
        const times = Object.fromEntries(['startedAt', 'finishedAt'].filter((k) => part[k]).map((k) => [k, hourAgo]));
        await table.updateEntity(
            { partitionKey: part.partitionKey ?? '', rowKey: part.rowKey ?? '', ...times },
            'Merge',
        );
    }
}

describe('every run ends (function handlers on Azurite)', () => {
    it('fails a run whose unconverted part reached the poison queue, but not one whose part was converted', async () => {
        const runId = 'a1000000-0000-0000-0000-000000000001';
        await land(runId, 2);
        const deps = hubDeps(context('test'));
        const stored = (await deps.runs.getRun({ scope: SUB, runId }))?.value;
        const first = await deps.runs.getPart({ scope: SUB, runId }, 0);
        if (!stored || !first) throw new Error('run not planned');
        await convertPart(stored, first, deps);

        await poison({ scope: SUB, runId, index: 0 }, context('poison'));
        expect(await run(runId)).toMatchObject({ status: 'running' });
        await poison({ scope: SUB, runId, index: 1 }, context('poison'));
        expect(await run(runId)).toMatchObject({ status: 'failed', errorCode: 'PartPoisoned' });
        await poison('not a work item', context('poison'));
        expect(logs.some((line) => line.includes('Dropping poison message'))).toBe(true);
    });

    it('publishes a converted run whose last message was lost, on the next sweep', async () => {
        const runId = 'a2000000-0000-0000-0000-000000000002';
        await land(runId, 1);
        const deps = hubDeps(context('test'));
        const stored = (await deps.runs.getRun({ scope: SUB, runId }))?.value;
        const part = await deps.runs.getPart({ scope: SUB, runId }, 0);
        if (!stored || !part) throw new Error('run not planned');
        await convertPart(stored, part, deps);
        expect(await run(runId)).toMatchObject({ status: 'running' });

        await sweep(timer, context('sweep'));
        expect(await run(runId)).toMatchObject({ status: 'succeeded' });
    });

    it('queues a silent run again, and fails it with RunStalled once it has stalled too often', async () => {
        const runId = 'a3000000-0000-0000-0000-000000000003';
        await land(runId, 2);
        await sweep(timer, context('sweep'));
        expect(await drain()).toEqual([]);
        for (let resume = 1; resume <= 3; resume++) {
            await silence(runId);
            await sweep(timer, context('sweep'));
            expect(await run(runId)).toMatchObject({ status: 'running', resumes: resume });
            expect(await drain()).toEqual([0, 1].map((index) => ({ scope: SUB, runId, index })));
        }
        await silence(runId);
        await sweep(timer, context('sweep'));
        expect(await run(runId)).toMatchObject({ status: 'failed', errorCode: 'RunStalled' });
        expect(logs.some((line) => line.startsWith(`Run ${runId} failed: RunStalled:`))).toBe(true);
    });
});
