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
import { collectTelemetry } from '../../src/pipeline/collectTelemetry';
import { processExports } from '../../src/pipeline/processExports';
import { refreshCapacity } from '../../src/pipeline/refreshCapacity';
import { SUBSCRIPTION_ID } from '../../src/sample/capacity/capacityScenario';
import { generateCapacitySample } from '../../src/sample/capacity/generateCapacitySample';
import { type AzureTestServer, startAzureTestServer, testCredential } from '../helpers/azureTestServer';
import { Azurite, startAzurite } from '../helpers/azurite';
import { FaultPlan } from '../helpers/faultInjection';
import { sampleAzure } from '../helpers/sampleAzure';
import { rowsOf, withConnection } from '../helpers/withConnection';

// A capacity refresh that reads the month's AIAccountCosts while a Costs run swaps that folder (the old one retired,
// the new one not yet installed) must not publish allocations computed from the empty folder: it refreshes nothing,
// and the sweep computes capacity again from the installed folder. On Azurite, with the telemetry pulled from the
// local Azure test server; the race is made by running the other refresh inside the swap's install move.

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
const logs: string[] = [];
const context = (functionName: string, triggerMetadata: Record<string, unknown>) =>
    new InvocationContext({ functionName, triggerMetadata, logHandler: (_l, ...a) => logs.push(a.join(' ')) });

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

async function check() {
    const local = mkdtempSync(join(dir, 'pub-'));
    for (const dataset of ['CostAllocation', 'AIAccountCosts', 'AIProvisioned']) {
        for await (const b of ingestion.listBlobsFlat({ prefix: `${dataset}/2026/10/${SCOPE}/` })) {
            if (!b.name.endsWith('.parquet')) continue;
            mkdirSync(dirname(join(local, b.name)), { recursive: true });
            await ingestion.getBlockBlobClient(b.name).downloadToFile(join(local, b.name));
        }
    }
    const file = (d: string) => quotedString(join(local, d, '**', '*.parquet'));
    const rows = await withConnection((c) =>
        rowsOf(
            c,
            `with allocated as (select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('CostAllocation')}) group by all),
                      provisioned as (select x_ChargeDate, sum(x_UnusedReservationCost) as unused from read_parquet(${file('AIProvisioned')}) group by all),
                      billed as (select x_ChargeDate, sum(EffectiveCost) as cost from read_parquet(${file('AIAccountCosts')}) where ResourceId like '%/accounts/%' group by all)
                 select (select sum(cost)::varchar from allocated) as allocated_total, (select sum(cost)::varchar from billed) as billed_total,
                 count(*)::int as days, count(*) filter (where allocated.cost = billed.cost + coalesce(provisioned.unused,0))::int as exact
                 from allocated full join billed using (x_ChargeDate) full join provisioned using (x_ChargeDate)`,
        ),
    );
    return rows[0] as { exact: number; days: number };
}

const source = (t: AzureTestServer) =>
    createTelemetrySource(testCredential, {
        arm: t.url,
        metrics: () => t.url,
        logs: `${t.url}/v1`,
        tls: { ca: t.ca },
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
    dir = mkdtempSync(join(tmpdir(), 'hub-caprace-'));
    const { costManifest } = generateCapacitySample(dir);
    const part = join(dirname(costManifest), 'part_0_0001.csv');
    await exportsContainer.getBlockBlobClient(part).uploadData(readFileSync(join(dir, part)));
    await exportsContainer.getBlockBlobClient(costManifest).uploadData(readFileSync(join(dir, costManifest)));
    await ingest(Buffer.from(''), context('ingest', { name: costManifest }));
    await drainQueue();
    const deps = { ...createAzureDeps(readConfig()), log: () => {} };
    await collectTelemetry(SETTINGS, source(server), deps, NOW);
    await drainQueue();
}, 300_000);
afterAll(async () => {
    await server.close();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
});

it('a refresh reading AIAccountCosts mid-swap publishes nothing, and the sweep allocates every day exactly', async () => {
    expect((await check()).exact).toBeGreaterThan(0);
    const base = { ...createAzureDeps(readConfig()), log: (m: string) => logs.push(m) };
    const telemetryRun = (await base.runs.listRuns(['succeeded'])).find(
        (r) => r.dataset === 'AITelemetry' && r.month === '2026-10',
    );
    if (!telemetryRun) throw new Error('no telemetry run');
    // R2: the same October bill exported again later (new run id, later submittedTime), landing in another folder.
    const costRun = (await base.runs.listRuns(['succeeded'])).find(
        (r) => r.dataset === 'Costs' && r.month === '2026-10',
    );
    if (!costRun) throw new Error('no costs run');
    const original = JSON.parse(readFileSync(join(dir, costRun.manifest), 'utf8'));
    original.runInfo.runId = 'feeeeeee-0000-4000-8000-00000000000f';
    original.runInfo.submittedTime = '2026-11-03T00:00:00Z';
    const text = JSON.stringify(original);
    await exportsContainer.getBlockBlobClient('late/feeeeeee/manifest.json').uploadData(Buffer.from(text));
    // The racing refresh is another run's (a Costs run of the same month whose capacity refresh runs now).
    const other = {
        ...costRun,
        runId: 'abcd0000-0000-4000-8000-000000000001',
        submittedTime: '2026-11-02T00:00:00.000Z',
    };
    let raced = false;
    const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
        // Between the retire and the install of AIAccountCosts (the old folder moved away, the new one not yet in):
        if (raced || !/^ingestion\.moveFolder\(_staging\/.*\/AIAccountCosts\)$/.test(call)) return;
        raced = true;
        // another worker's capacity refresh (e.g. the telemetry run's, or another scope's Costs run's) runs now...
        await refreshCapacity(other, base);
        // ...and still holds the capacity lease when the Costs run finishes (its own refresh is then 'busy').
        await base.runs.putLease(
            {
                name: 'AIDeployments/2026-10',
                holder: { ...telemetryRun, claim: 'other-worker' } as never,
                expiresAt: new Date(Date.now() + 600_000).toISOString(),
            },
            undefined,
        );
    });
    await processExports({ ...base, ingestion: plan.wrap(base.ingestion, 'ingestion') });
    expect(raced).toBe(true);
    // the other worker finishes and lets the lease go
    const lease = await base.runs.getLease('AIDeployments/2026-10');
    if (lease) await base.runs.deleteLease('AIDeployments/2026-10', lease.etag);
    const after = await check();
    await sweep({} as Timer, context('sweep', {}));
    await sweep({} as Timer, context('sweep', {}));
    const swept = await check();
    expect(after.exact).toBe(after.days);
    expect(swept.exact).toBe(swept.days);
}, 300_000);
