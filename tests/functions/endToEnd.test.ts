import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { TableClient } from '@azure/data-tables';
import { InvocationContext } from '@azure/functions';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { quotedString } from '@duckdb/node-api';

import { ingest } from '../../functions/ingest/index';
import { transform } from '../../functions/transform/index';
import { keyPart } from '../../src/adapters/tableRunStore';
import { decimalSum } from '../../src/focus/decimalSum';
import { Azurite, startAzurite } from '../helpers/azurite';
import { writeExport } from '../helpers/exportTree';
import { writeGeneratedExport } from '../helpers/generatedExport';
import { writeLegacyRun } from '../helpers/legacyExports';
import { rowsOf, withConnection } from '../helpers/withConnection';

// Event Grid cannot run here: the tests call the handlers as the host would after an event (blob name in the
// trigger metadata; queue messages decoded from base64 JSON). Everything else is real: Azurite blob, queue, table.

const SUB = 'subscriptions/00000000-0000-0000-0000-000000000001';
let azurite: Azurite;
let exportsContainer: ContainerClient;
let ingestion: ContainerClient;
let queue: QueueClient;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
    azurite = await startAzurite();
    process.env.HubStorage = azurite.connectionString;
    const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    exportsContainer = blobs.getContainerClient('msexports');
    ingestion = blobs.getContainerClient('ingestion');
    await exportsContainer.create();
    await ingestion.create();
    queue = new QueueClient(azurite.connectionString, 'hub-parts');
    dir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
});
afterAll(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
});

const context = (functionName: string, triggerMetadata: Record<string, unknown>) =>
    new InvocationContext({
        functionName,
        triggerMetadata,
        logHandler: (_level, ...args) => logs.push(args.join(' ')),
    });

async function land(spec: Parameters<typeof writeExport>[1]): Promise<string> {
    const root = join(dir, spec.runId);
    const manifest = writeExport(root, spec);
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        const name = join(entry.parentPath, entry.name).slice(root.length + 1);
        if (name !== manifest)
            await exportsContainer.getBlockBlobClient(name).uploadData(readFileSync(join(root, name)));
    }
    await exportsContainer.getBlockBlobClient(manifest).uploadData(readFileSync(join(root, manifest)));
    return manifest;
}

/** Uploads a legacy run written under `root`: its parts, then its manifest (as Cost Management does). */
async function uploadTree(root: string, manifest: string): Promise<void> {
    const folder = join(root, dirname(manifest));
    for (const entry of readdirSync(folder)) {
        const name = `${dirname(manifest)}/${entry}`;
        if (name !== manifest)
            await exportsContainer.getBlockBlobClient(name).uploadData(readFileSync(join(root, name)));
    }
    await exportsContainer.getBlockBlobClient(manifest).uploadData(readFileSync(join(root, manifest)));
}

/** Generates an export run (price sheet, reservation or cost export) and uploads it, manifest last. */
async function landGenerated(options: Parameters<typeof writeGeneratedExport>[2]): Promise<string> {
    const root = join(dir, `generated-${options.runId ?? ''}`);
    const written = await withConnection((connection) => writeGeneratedExport(connection, root, options));
    for (const blob of written.blobs) {
        await exportsContainer.getBlockBlobClient(blob.blobName).uploadData(readFileSync(blob.path));
    }
    await exportsContainer.getBlockBlobClient(written.manifestName).uploadData(readFileSync(written.manifestPath));
    return written.manifestName;
}

async function takeMessages(): Promise<{ body: unknown; dequeueCount: number }[]> {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 5 });
    await Promise.all(receivedMessageItems.map((m) => queue.deleteMessage(m.messageId, m.popReceipt)));
    return receivedMessageItems.map((m) => ({
        body: JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')),
        dequeueCount: m.dequeueCount,
    }));
}

const runTransform = (message: { body: unknown; dequeueCount: number }) =>
    transform(message.body, context('transform', { dequeueCount: message.dequeueCount }));

async function publishedFiles(): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of ingestion.listBlobsFlat({ prefix: 'Costs/' })) names.push(blob.name);
    return names.sort();
}

async function runRecord(runId: string) {
    return TableClient.fromConnectionString(azurite.connectionString, 'hubruns', {
        allowInsecureConnection: true,
    }).getEntity<Record<string, unknown>>('run', `${keyPart(SUB)}|${keyPart(runId)}`);
}

describe('ingest → transform → publish on Azurite', () => {
    const A = 'aaaaaaaa-0000-0000-0000-000000000001';
    const B = 'bbbbbbbb-0000-0000-0000-000000000002';

    it('publishes a run, and a later run replaces it only once all its parts are done', async () => {
        const first = await land({ runId: A, submittedTime: '2026-10-05T00:00:00Z', month: '2026-10', parts: [[{}]] });
        await ingest(Buffer.from(''), context('ingest', { name: first }));
        for (const message of await takeMessages()) await runTransform(message);
        expect(await publishedFiles()).toEqual([
            `Costs/2026/10/${SUB}/${A}__part_0_0001.parquet`,
            `Costs/2026/10/${SUB}/manifest.json`,
        ]);

        const second = await land({
            runId: B,
            submittedTime: '2026-10-06T00:00:00Z',
            month: '2026-10',
            gzip: true,
            parts: [[{ BilledCost: '2' }], [{ BilledCost: '3' }], [{ BilledCost: '4' }]],
        });
        await ingest(Buffer.from(''), context('ingest', { name: second }));
        const [one, two, three] = await takeMessages();
        await runTransform(one!);
        // The process "crashes" here; the manifest is delivered again and re-queues the unfinished parts.
        expect(await publishedFiles()).toContain(`Costs/2026/10/${SUB}/${A}__part_0_0001.parquet`);
        await ingest(Buffer.from(''), context('ingest', { name: second }));
        const requeued = await takeMessages();
        expect(requeued.map((m) => m.body)).toEqual([two!.body, three!.body]);
        // The two remaining parts finish at the same time: exactly one of them publishes.
        logs.length = 0;
        await Promise.all(requeued.map(runTransform));
        expect(logs.filter((line) => line.includes(`Run ${B}: succeeded`))).toHaveLength(1);
        expect(await publishedFiles()).toEqual([
            `Costs/2026/10/${SUB}/${B}__part_0_0001.parquet`,
            `Costs/2026/10/${SUB}/${B}__part_0_0002.parquet`,
            `Costs/2026/10/${SUB}/${B}__part_0_0003.parquet`,
            `Costs/2026/10/${SUB}/manifest.json`,
        ]);
        const record = await runRecord(B);
        expect([record.status, record.errorCode]).toEqual(['succeeded', undefined]);
        const manifest = JSON.parse(
            (await ingestion.getBlockBlobClient(`Costs/2026/10/${SUB}/manifest.json`).downloadToBuffer()).toString(),
        );
        expect(manifest).toMatchObject({ runId: B, rows: 3, sums: { BilledCost: '9' } });
        const staged: string[] = [];
        for await (const blob of ingestion.listBlobsFlat({ prefix: '_staging/' })) staged.push(blob.name);
        expect(staged).toEqual([]);
    });

    it('composes legacy actual cost and the amortized cost landing after it into one Costs folder', async () => {
        // The actual run lands first, the amortized run of the same month second; both are MCA, 2 parts each.
        const scope = '/providers/Microsoft.Billing/billingAccounts/8765432';
        const folder = 'Costs/2026/09/providers/microsoft.billing/billingaccounts/8765432';
        const root = join(dir, 'legacy');
        const [actual, amortized] = (['ActualCost', 'AmortizedCost'] as const).map((type, i) =>
            writeLegacyRun(root, {
                type,
                agreement: 'MCA',
                dataVersion: '2023-12-01-preview',
                scope,
                month: '2026-09',
                runId: `c000000${i}-0000-4000-8000-000000000000`,
                submittedTime: `2026-10-0${i + 1}T00:00:00Z`,
                parts: 2,
                ai: true,
            }),
        );
        for (const run of [actual!, amortized!]) {
            await uploadTree(root, run.manifestName);
            await ingest(Buffer.from(''), context('ingest', { name: run.manifestName }));
            for (const message of await takeMessages()) await runTransform(message);
        }
        const names: string[] = [];
        for await (const blob of ingestion.listBlobsFlat({ prefix: `${folder}/` })) names.push(blob.name);
        expect(names.map((n) => n.slice(folder.length + 1)).sort()).toEqual([
            'c0000000-0000-4000-8000-000000000000__commitments.parquet',
            'c0000001-0000-4000-8000-000000000000__part_0_0001.parquet',
            'c0000001-0000-4000-8000-000000000000__part_0_0002.parquet',
            'manifest.json',
        ]);
        const manifest = JSON.parse(
            (await ingestion.getBlockBlobClient(`${folder}/manifest.json`).downloadToBuffer()).toString(),
        ) as { files: { name: string }[] };
        const local = join(dir, 'published');
        mkdirSync(local, { recursive: true });
        for (const file of manifest.files) {
            await ingestion.getBlockBlobClient(`${folder}/${file.name}`).downloadToFile(join(local, file.name));
        }
        const [sums] = await withConnection((connection) =>
            rowsOf(
                connection,
                `select sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective
                 from read_parquet(${quotedString(join(local, '*.parquet'))})`,
            ),
        );
        expect([decimalSum([String(sums?.billed)]), decimalSum([String(sums?.effective)])]).toEqual([
            actual!.cost,
            amortized!.cost,
        ]);
    });

    it('publishes price sheets and reservation exports in their FinOps hubs folders, and prices fill later costs', async () => {
        const EA = 'providers/microsoft.billing/billingaccounts/81234567';
        const landed = [
            await landGenerated({
                type: 'PriceSheet',
                dataVersion: '2023-05-01',
                runId: 'c0000000-0000-4000-8000-000000000001',
                rows: 48,
            }),
            await landGenerated({
                type: 'ReservationRecommendations',
                dataVersion: '2023-05-01',
                exportName: 'ri-recs',
                runId: 'c0000000-0000-4000-8000-000000000002',
                rows: 2,
            }),
            await landGenerated({
                type: 'ReservationTransactions',
                dataVersion: '2023-05-01',
                runId: 'c0000000-0000-4000-8000-000000000003',
                rows: 3,
            }),
            await landGenerated({
                type: 'ReservationDetails',
                dataVersion: '2023-03-01',
                runId: 'c0000000-0000-4000-8000-000000000004',
                rows: 4,
            }),
        ];
        for (const manifest of landed) await ingest(Buffer.from(''), context('ingest', { name: manifest }));
        for (const message of await takeMessages()) await runTransform(message);
        const costs = await landGenerated({
            type: 'FocusCost',
            dataVersion: '1.2',
            scope: `/${SUB}`,
            submittedTime: '2026-08-03T00:00:00Z',
            runId: 'c0000000-0000-4000-8000-000000000005',
            rows: 1200,
            format: { fileFormat: 'Parquet', compressionMode: 'Snappy' },
        });
        await ingest(Buffer.from(''), context('ingest', { name: costs }));
        for (const message of await takeMessages()) await runTransform(message);

        const manifests: string[] = [];
        for await (const blob of ingestion.listBlobsFlat()) {
            if (blob.name.endsWith('/manifest.json') && /^[A-Za-z]+\/2026\/08\//.test(blob.name)) {
                manifests.push(blob.name);
            }
        }
        expect(manifests.sort()).toEqual([
            `AIAccountCosts/2026/08/${SUB}/manifest.json`,
            `AIUnitEconomics/2026/08/${SUB}/manifest.json`,
            `Anomalies/2026/08/${SUB}/manifest.json`,
            `CommitmentDiscountUsage/2026/08/${EA}/manifest.json`,
            `Costs/2026/08/${SUB}/manifest.json`,
            `Forecasts/2026/08/${SUB}/manifest.json`,
            `Prices/2026/08/${EA}/manifest.json`,
            `Recommendations/2026/08/${EA}ri-recs/manifest.json`,
            `Transactions/2026/08/${EA}/manifest.json`,
        ]);
        const costParts: string[] = [];
        for await (const blob of ingestion.listBlobsFlat({ prefix: `Costs/2026/08/${SUB}/c0000000` })) {
            costParts.push(blob.name);
        }
        const local = join(dir, 'costs.parquet');
        await ingestion.getBlockBlobClient(costParts[0] ?? '').downloadToFile(local);
        const [filled] = await withConnection(async (connection) =>
            (
                await connection.runAndReadAll(
                    `select count(*) filter (where x_SourceChanges like '%PricesFromPriceSheet%')::int as filled,
                            count(*) filter (where ChargeCategory = 'Usage' and EffectiveCost <> 0
                                and ListUnitPrice = 0)::int as missing
                     from read_parquet(${quotedString(local)})`,
                )
            ).getRowObjectsJson(),
        );
        expect(filled?.missing).toBe(0);
        expect(Number(filled?.filled)).toBeGreaterThan(0);
    });

    it('records a bad manifest as a failed run and ignores blobs that are not manifests', async () => {
        await exportsContainer.getBlockBlobClient('bad/manifest.json').uploadData(Buffer.from('{"blobs": 1}'));
        await ingest(Buffer.from(''), context('ingest', { name: 'bad/manifest.json' }));
        await ingest(Buffer.from(''), context('ingest', { name: 'bad/part_0_0001.csv' }));
        expect(await takeMessages()).toEqual([]);
        const table = TableClient.fromConnectionString(azurite.connectionString, 'hubruns', {
            allowInsecureConnection: true,
        });
        const failed: Record<string, unknown>[] = [];
        for await (const entity of table.listEntities<Record<string, unknown>>({
            queryOptions: { filter: "status eq 'failed'" },
        })) {
            failed.push(entity);
        }
        expect(failed).toEqual([
            expect.objectContaining({ manifest: 'bad/manifest.json', errorCode: 'ManifestInvalid' }),
        ]);
    });
});
