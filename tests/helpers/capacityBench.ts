import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { InvocationContext } from '@azure/functions';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { quotedString } from '@duckdb/node-api';

import { ingest } from '../../functions/ingest/index';
import { transform } from '../../functions/transform/index';
import { createTelemetrySource } from '../../src/adapters/telemetry/createTelemetrySource';
import { TelemetrySettings } from '../../src/config';
import type { TelemetrySource } from '../../src/pipeline/telemetryPorts';
import { SUBSCRIPTION_ID } from '../../src/sample/capacity/capacityScenario';
import { generateCapacitySample } from '../../src/sample/capacity/generateCapacitySample';
import { type AzureTestServer, startAzureTestServer, testCredential } from './azureTestServer';
import { Azurite, startAzurite } from './azurite';
import { sampleAzure } from './sampleAzure';
import { rowsOf, withConnection } from './withConnection';

// The sample AI account on Azurite, for the tests of the telemetry timer and the capacity datasets: Azurite (blob,
// queue, table) with the hub's settings, a local HTTPS server answering the Azure SDKs with the sample's documented
// bodies, and the account's October bill landed and converted through the handlers, as Cost Management's export
// would land it. Not real here: Event Grid (ingest is called as the host would) and Azure AD (a fixed-token credential).

export const SCOPE = `subscriptions/${SUBSCRIPTION_ID}`;
export const NOW = new Date('2026-10-03T02:00:00Z');
export const SETTINGS: TelemetrySettings = {
    enabled: true,
    accounts: [],
    appInsightsId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-apim/providers/Microsoft.Insights/components/appi-apim`,
    consumerDimension: 'Team',
    deploymentDimension: 'Deployment',
};

export interface CapacityBench {
    azurite: Azurite;
    server: AzureTestServer;
    exportsContainer: ContainerClient;
    ingestion: ContainerClient;
    queue: QueueClient;
    /** Scratch folder, holding the sample's exports as written. */
    dir: string;
    /** The telemetry source, its SDK clients pointed at the local server (or at `other`). */
    source: (other?: AzureTestServer) => TelemetrySource;
    /** Days of October, and those on which the published CostAllocation is exactly the bill plus unused reservation. */
    allocation: () => Promise<{ days: number; exact: number }>;
    /** An invocation context whose log lines go to `logs`. */
    context: (functionName: string, triggerMetadata?: Record<string, unknown>) => InvocationContext;
    /** Runs `transform` on every message of the parts queue, as the host would. */
    drainQueue: () => Promise<void>;
    logs: string[];
    /** The costs manifest of the sample account's October bill. */
    costManifest: string;
    stop: () => Promise<void>;
}

export async function startCapacityBench(prefix: string): Promise<CapacityBench> {
    const azurite = await startAzurite();
    const server = await startAzureTestServer(sampleAzure({ pulledAt: NOW }));
    Object.assign(process.env, { HubStorage: azurite.connectionString, HUB_VALIDATION: 'off', HUB_INSIGHTS: 'off' });
    const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const exportsContainer = blobs.getContainerClient('msexports');
    const ingestion = blobs.getContainerClient('ingestion');
    await exportsContainer.create();
    await ingestion.create();
    const queue = new QueueClient(azurite.connectionString, 'hub-parts');
    const logs: string[] = [];
    const context = (functionName: string, triggerMetadata: Record<string, unknown> = {}) =>
        new InvocationContext({ functionName, triggerMetadata, logHandler: (_l, ...a) => logs.push(a.join(' ')) });
    const drainQueue = async () => {
        for (;;) {
            const { receivedMessageItems } = await queue.receiveMessages({
                numberOfMessages: 32,
                visibilityTimeout: 30,
            });
            if (receivedMessageItems.length === 0) return;
            for (const message of receivedMessageItems) {
                await queue.deleteMessage(message.messageId, message.popReceipt);
                const body: unknown = JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8'));
                await transform(body, context('transform', { dequeueCount: message.dequeueCount }));
            }
        }
    };
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const { costManifest } = generateCapacitySample(dir);
    const part = join(dirname(costManifest), 'part_0_0001.csv');
    await exportsContainer.getBlockBlobClient(part).uploadData(readFileSync(join(dir, part)));
    await exportsContainer.getBlockBlobClient(costManifest).uploadData(readFileSync(join(dir, costManifest)));
    await ingest(Buffer.from(''), context('ingest', { name: costManifest }));
    await drainQueue();
    const source = (target = server) =>
        createTelemetrySource(testCredential, {
            arm: target.url,
            metrics: () => target.url,
            logs: `${target.url}/v1`,
            tls: { ca: target.ca },
            maxRetries: 2,
            retryDelayMs: 5,
        });
    const allocation = () => publishedAllocation(ingestion, dir);
    const stop = async () => {
        await server.close();
        await azurite.stop();
        rmSync(dir, { recursive: true, force: true });
        for (const name of ['HubStorage', 'HUB_VALIDATION', 'HUB_INSIGHTS']) delete process.env[name];
    };
    return {
        azurite,
        server,
        exportsContainer,
        ingestion,
        queue,
        dir,
        source,
        allocation,
        context,
        drainQueue,
        logs,
        costManifest,
        stop,
    };
}

async function publishedAllocation(ingestion: ContainerClient, dir: string): Promise<{ days: number; exact: number }> {
    const local = mkdtempSync(join(dir, 'published-'));
    for (const dataset of ['CostAllocation', 'AIAccountCosts', 'AIProvisioned']) {
        for await (const blob of ingestion.listBlobsFlat({ prefix: `${dataset}/2026/10/${SCOPE}/` })) {
            if (!blob.name.endsWith('.parquet')) continue;
            mkdirSync(dirname(join(local, blob.name)), { recursive: true });
            await ingestion.getBlockBlobClient(blob.name).downloadToFile(join(local, blob.name));
        }
    }
    const file = (dataset: string) => quotedString(join(local, dataset, '**', '*.parquet'));
    const [row] = await withConnection((c) =>
        rowsOf(
            c,
            `with allocated as (
                select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('CostAllocation')}) group by all
             ),
             unused as (
                select x_ChargeDate, sum(x_UnusedReservationCost) as cost
                from read_parquet(${file('AIProvisioned')}) group by all
             ),
             billed as (
                select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('AIAccountCosts')})
                where ResourceId like '%/accounts/%' group by all
             )
             select count(*)::int as days,
                 count(*) filter (where allocated.cost = billed.cost + coalesce(unused.cost, 0))::int as exact
             from allocated full join billed using (x_ChargeDate) full join unused using (x_ChargeDate)`,
        ),
    );
    return row as { days: number; exact: number };
}
