import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { InvocationContext, Timer } from '@azure/functions';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { quotedString } from '@duckdb/node-api';

import { ingest } from '../../functions/ingest/index';
import { sweep } from '../../functions/sweep/index';
import { transform } from '../../functions/transform/index';
import { createAzureDeps } from '../../src/adapters/azureDeps';
import { createTelemetrySource } from '../../src/adapters/telemetry/createTelemetrySource';
import { readConfig, TelemetrySettings } from '../../src/config';
import { TransientError } from '../../src/errors';
import { CAPACITY_DATASETS } from '../../src/focus/datasets/capacity/capacityDatasets';
import { collectTelemetry } from '../../src/pipeline/collectTelemetry';
import { processExports } from '../../src/pipeline/processExports';
import { SUBSCRIPTION_ID } from '../../src/sample/capacity/capacityScenario';
import { generateCapacitySample } from '../../src/sample/capacity/generateCapacitySample';
import { aiRow, METERS } from '../helpers/aiCostRows';
import { type AzureTestServer, startAzureTestServer, testCredential } from '../helpers/azureTestServer';
import { Azurite, startAzurite } from '../helpers/azurite';
import { uploadFolder } from '../helpers/azuriteStorage';
import { writeExport } from '../helpers/exportTree';
import { FaultPlan } from '../helpers/faultInjection';
import { sampleAzure } from '../helpers/sampleAzure';
import { rowsOf, withConnection } from '../helpers/withConnection';

// The telemetry timer's work on Azurite (blob, queue, table), its SDK calls answered by a local HTTPS server with the
// sample's documented bodies. Not real here: Event Grid (the ingest handler is called as the host would), and Azure
// AD (a fixed-token credential). A store fault is injected into the table run store with FaultPlan.

const SCOPE = `subscriptions/${SUBSCRIPTION_ID}`;
const INSIGHTS = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-apim/providers/Microsoft.Insights/components/appi-apim`;
const NOW = new Date('2026-10-03T02:00:00Z');
const SETTINGS: TelemetrySettings = {
    enabled: true,
    accounts: [],
    appInsightsId: INSIGHTS,
    consumerDimension: 'Team',
    deploymentDimension: 'Deployment',
};

let azurite: Azurite;
let server: AzureTestServer;
let exportsContainer: ContainerClient;
let ingestion: ContainerClient;
let queue: QueueClient;
let dir: string;

const context = (functionName: string, triggerMetadata: Record<string, unknown>) =>
    new InvocationContext({ functionName, triggerMetadata, logHandler: () => {} });

async function drainQueue(): Promise<void> {
    for (;;) {
        const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 });
        if (receivedMessageItems.length === 0) return;
        for (const message of receivedMessageItems) {
            await queue.deleteMessage(message.messageId, message.popReceipt);
            const body: unknown = JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8'));
            await transform(body, context('transform', { dequeueCount: message.dequeueCount }));
        }
    }
}

async function blobNames(container: ContainerClient, prefix: string): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name);
    return names.sort();
}

const source = (target: AzureTestServer) =>
    createTelemetrySource(testCredential, {
        arm: target.url,
        metrics: () => target.url,
        logs: `${target.url}/v1`,
        tls: { ca: target.ca },
        maxRetries: 2,
        retryDelayMs: 5,
    });

beforeAll(async () => {
    azurite = await startAzurite();
    server = await startAzureTestServer(sampleAzure({ pulledAt: NOW }));
    Object.assign(process.env, { HubStorage: azurite.connectionString, HUB_VALIDATION: 'off', HUB_INSIGHTS: 'off' });
    const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    exportsContainer = blobs.getContainerClient('msexports');
    ingestion = blobs.getContainerClient('ingestion');
    await exportsContainer.create();
    await ingestion.create();
    queue = new QueueClient(azurite.connectionString, 'hub-parts');
    // The sample account's October bill lands first, as Cost Management's export would.
    dir = mkdtempSync(join(tmpdir(), 'hub-telemetry-timer-'));
    const { costManifest } = generateCapacitySample(dir);
    const part = join(dirname(costManifest), 'part_0_0001.csv');
    await exportsContainer.getBlockBlobClient(part).uploadData(readFileSync(join(dir, part)));
    await exportsContainer.getBlockBlobClient(costManifest).uploadData(readFileSync(join(dir, costManifest)));
    await ingest(Buffer.from(''), context('ingest', { name: costManifest }));
    await drainQueue();
}, 120_000);
afterAll(async () => {
    await server.close();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const name of ['HubStorage', 'HUB_VALIDATION', 'HUB_INSIGHTS']) delete process.env[name];
});

describe('the telemetry timer on Azurite', () => {
    it('pulls the accounts billed in the last 31 days, lands folders, and processes them like exports', async () => {
        const deps = { ...createAzureDeps(readConfig()), log: () => {} };
        const lines = await collectTelemetry(SETTINGS, source(server), deps, NOW);
        // Within the first days of October it pulls September (no telemetry published yet) and October to date.
        expect(lines).toEqual([
            expect.stringMatching(new RegExp(`^Telemetry ${SUBSCRIPTION_ID} 2026-09: run [0-9a-f-]+ running\\.$`)),
            expect.stringMatching(new RegExp(`^Telemetry ${SUBSCRIPTION_ID} 2026-10: run [0-9a-f-]+ running\\.$`)),
        ]);
        const metricsCalls = server.requests.filter((r) => r.path.endsWith('metrics:getBatch'));
        expect(metricsCalls.every((r) => r.query.get('top') === '1000' && r.query.get('interval') === 'PT1H')).toBe(
            true,
        );
        const landed = await blobNames(exportsContainer, 'telemetry/');
        expect(landed.filter((name) => name.endsWith('/telemetry.json'))).toHaveLength(2);
        // Only the OpenAI account: the Speech account has no deployments to pull.
        expect(server.requests.some((r) => r.path.includes('-speech'))).toBe(false);

        await drainQueue();
        // One record file per landed body; one file per capacity dataset, named after the run that refreshed them.
        const telemetry = await blobNames(ingestion, `AITelemetry/2026/10/${SCOPE}/`);
        expect(telemetry.filter((name) => name.endsWith('.parquet')).length).toBeGreaterThan(2);
        for (const dataset of ['AIDeployments', 'AITokenUsage', 'AIProvisioned', 'CostAllocation']) {
            expect(await blobNames(ingestion, `${dataset}/2026/10/${SCOPE}/`)).toEqual([
                expect.stringMatching(/\.parquet$/),
                `${dataset}/2026/10/${SCOPE}/manifest.json`,
            ]);
        }
        expect(await blobNames(ingestion, '_staging/')).toEqual([]);
    }, 120_000);

    it('publishes allocations that add up exactly to the account bill of every billed day', async () => {
        const local = join(dir, 'published');
        for (const dataset of ['CostAllocation', 'AIAccountCosts', 'AIProvisioned']) {
            for (const name of await blobNames(ingestion, `${dataset}/2026/10/${SCOPE}/`)) {
                if (!name.endsWith('.parquet')) continue;
                mkdirSync(dirname(join(local, name)), { recursive: true });
                await ingestion.getBlockBlobClient(name).downloadToFile(join(local, name));
            }
        }
        const file = (dataset: string) => quotedString(join(local, dataset, '**', '*.parquet'));
        const rows = await withConnection((connection) =>
            rowsOf(
                connection,
                `with allocated as (select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('CostAllocation')}) group by all),
                      provisioned as (select x_ChargeDate, sum(x_UnusedReservationCost) as unused from read_parquet(${file('AIProvisioned')}) group by all),
                      billed as (select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('AIAccountCosts')})
                                 where ResourceId like '%/accounts/%' group by all)
                 select count(*)::int as days, count(*) filter (where allocated.cost = billed.cost + provisioned.unused)::int as exact
                 from allocated full join billed using (x_ChargeDate) full join provisioned using (x_ChargeDate)`,
            ),
        );
        // Days telemetry does not cover yet (3 to 31) are allocated too: to `unallocated`, flagged NoTokenBasis.
        expect(rows).toEqual([{ days: 31, exact: 31 }]);
    });

    it('lands nothing when throttling outlasts the retries, and says so with TelemetryThrottled', async () => {
        const throttled = await startAzureTestServer(sampleAzure({ pulledAt: NOW, throttle: 1_000 }));
        try {
            const before = await blobNames(exportsContainer, 'telemetry/');
            const deps = { ...createAzureDeps(readConfig()), log: () => {} };
            const lines = await collectTelemetry(SETTINGS, source(throttled), deps, new Date('2026-10-03T03:00:00Z'));
            expect(lines).toEqual([
                expect.stringContaining('2026-09 failed: TelemetryThrottled: Metrics'),
                expect.stringContaining('2026-10 failed: TelemetryThrottled: Metrics'),
            ]);
            expect(await blobNames(exportsContainer, 'telemetry/')).toEqual(before);
        } finally {
            await throttled.close();
        }
    });

    it('recomputes on the sweep timer the capacity datasets a failed refresh left older than the bill', async () => {
        const base = { ...createAzureDeps(readConfig()), log: () => {} };
        const late = { runId: 'feeeeeee-0000-4000-8000-00000000000f', scope: SCOPE };
        const root = mkdtempSync(join(dir, 'late-'));
        const gpt = aiRow('gpt', METERS.gpt41Input, { day: 2, units: '2000000', price: '0.002' });
        const spec = { month: '2026-10', scope: `/${SCOPE}`, folder: 'sub/daily/late', parts: [[gpt]] };
        writeExport(root, { ...late, ...spec, submittedTime: '2026-11-03T00:00:00Z' });
        await uploadFolder(exportsContainer, root);
        // A later bill of October publishes (processExports over the Azure stores); its capacity refresh cannot take
        // its lease (the table write fails, injected), which is logged: the run has succeeded.
        let failed = false;
        const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) => {
            if (failed || !call.startsWith('runs.putLease(AIDeployments/2026-10')) return;
            failed = true;
            throw new TransientError('StorageUnavailable', 'injected: the capacity lease could not be written');
        });
        await processExports({ ...base, runs: plan.wrap(base.runs, 'runs') });
        expect(failed).toBe(true);
        const publications = async (dataset: string) =>
            (await base.runs.getPublication(dataset, SCOPE, '2026-10'))?.value;
        expect((await publications('Costs'))?.runId).toBe(late.runId);
        for (const dataset of CAPACITY_DATASETS) expect((await publications(dataset))?.runId).not.toBe(late.runId);

        await sweep({} as Timer, context('sweep', {}));
        for (const dataset of CAPACITY_DATASETS)
            expect([dataset, (await publications(dataset))?.runId]).toEqual([dataset, late.runId]);
        expect(await blobNames(ingestion, '_staging/')).toEqual([]);
    }, 120_000);
});
