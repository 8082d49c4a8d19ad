import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

import { Timer } from '@azure/functions';
import { ContainerClient } from '@azure/storage-blob';

import { sweep } from '../../functions/sweep/index';
import { createAzureDeps } from '../../src/adapters/azureDeps';
import { readConfig } from '../../src/config';
import { TransientError } from '../../src/errors';
import { CAPACITY_DATASETS } from '../../src/focus/datasets/capacity/capacityDatasets';
import { collectTelemetry } from '../../src/pipeline/collectTelemetry';
import { processExports } from '../../src/pipeline/processExports';
import { SUBSCRIPTION_ID } from '../../src/sample/capacity/capacityScenario';
import { aiRow, METERS } from '../helpers/aiCostRows';
import { startAzureTestServer } from '../helpers/azureTestServer';
import { uploadFolder } from '../helpers/azuriteStorage';
import { CapacityBench, NOW, SCOPE, SETTINGS, startCapacityBench } from '../helpers/capacityBench';
import { writeExport } from '../helpers/exportTree';
import { FaultPlan } from '../helpers/faultInjection';
import { sampleAzure } from '../helpers/sampleAzure';

// The telemetry timer's work on Azurite (blob, queue, table), its SDK calls answered by a local HTTPS server with the
// sample's documented bodies (capacityBench.ts: not real here are Event Grid, the ingest handler being called as the
// host would, and Azure AD, a fixed-token credential). A store fault is injected into the table run store with
// FaultPlan.

let bench: CapacityBench;
beforeAll(async () => {
    // The sample account's October bill lands first, as Cost Management's export would.
    bench = await startCapacityBench('hub-telemetry-timer-');
}, 120_000);
afterAll(() => bench.stop());

async function blobNames(container: ContainerClient, prefix: string): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name);
    return names.sort();
}

describe('the telemetry timer on Azurite', () => {
    it('pulls the accounts billed in the last 31 days, lands folders, and processes them like exports', async () => {
        const deps = { ...createAzureDeps(readConfig()), log: () => {} };
        const lines = await collectTelemetry(SETTINGS, bench.source(), deps, NOW);
        // Within the first days of October it pulls September (no telemetry published yet) and October to date.
        expect(lines).toEqual([
            expect.stringMatching(new RegExp(`^Telemetry ${SUBSCRIPTION_ID} 2026-09: run [0-9a-f-]+ running\\.$`)),
            expect.stringMatching(new RegExp(`^Telemetry ${SUBSCRIPTION_ID} 2026-10: run [0-9a-f-]+ running\\.$`)),
        ]);
        const metricsCalls = bench.server.requests.filter((r) => r.path.endsWith('metrics:getBatch'));
        expect(metricsCalls.every((r) => r.query.get('top') === '1000' && r.query.get('interval') === 'PT1H')).toBe(
            true,
        );
        const landed = await blobNames(bench.exportsContainer, 'telemetry/');
        expect(landed.filter((name) => name.endsWith('/telemetry.json'))).toHaveLength(2);
        // Only the OpenAI account: the Speech account has no deployments to pull.
        expect(bench.server.requests.some((r) => r.path.includes('-speech'))).toBe(false);

        await bench.drainQueue();
        // One record file per landed body; one file per capacity dataset, named after the run that refreshed them.
        const telemetry = await blobNames(bench.ingestion, `AITelemetry/2026/10/${SCOPE}/`);
        expect(telemetry.filter((name) => name.endsWith('.parquet')).length).toBeGreaterThan(2);
        for (const dataset of ['AIDeployments', 'AITokenUsage', 'AIProvisioned', 'CostAllocation']) {
            expect(await blobNames(bench.ingestion, `${dataset}/2026/10/${SCOPE}/`)).toEqual([
                expect.stringMatching(/\.parquet$/),
                `${dataset}/2026/10/${SCOPE}/manifest.json`,
            ]);
        }
        expect(await blobNames(bench.ingestion, '_staging/')).toEqual([]);
    }, 120_000);

    it('publishes allocations that add up exactly to the account bill of every billed day', async () => {
        // Days telemetry does not cover yet (3 to 31) are allocated too: to `unallocated`, flagged NoTokenBasis.
        expect(await bench.allocation()).toEqual({ days: 31, exact: 31 });
    });

    it('lands nothing when throttling outlasts the retries, and says so with TelemetryThrottled', async () => {
        const throttled = await startAzureTestServer(sampleAzure({ pulledAt: NOW, throttle: 1_000 }));
        try {
            const before = await blobNames(bench.exportsContainer, 'telemetry/');
            const deps = { ...createAzureDeps(readConfig()), log: () => {} };
            const lines = await collectTelemetry(
                SETTINGS,
                bench.source(throttled),
                deps,
                new Date('2026-10-03T03:00:00Z'),
            );
            expect(lines).toEqual([
                expect.stringContaining('2026-09 failed: TelemetryThrottled: Metrics'),
                expect.stringContaining('2026-10 failed: TelemetryThrottled: Metrics'),
            ]);
            expect(await blobNames(bench.exportsContainer, 'telemetry/')).toEqual(before);
        } finally {
            await throttled.close();
        }
    });

    it('recomputes on the sweep timer the capacity datasets a failed refresh left older than the bill', async () => {
        const base = { ...createAzureDeps(readConfig()), log: () => {} };
        const late = { runId: 'feeeeeee-0000-4000-8000-00000000000f', scope: SCOPE };
        const root = mkdtempSync(join(bench.dir, 'late-'));
        const gpt = aiRow('gpt', METERS.gpt41Input, { day: 2, units: '2000000', price: '0.002' });
        const spec = { month: '2026-10', scope: `/${SCOPE}`, folder: 'sub/daily/late', parts: [[gpt]] };
        writeExport(root, { ...late, ...spec, submittedTime: '2026-11-03T00:00:00Z' });
        await uploadFolder(bench.exportsContainer, root);
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

        await sweep({} as Timer, bench.context('sweep'));
        for (const dataset of CAPACITY_DATASETS)
            expect([dataset, (await publications(dataset))?.runId]).toEqual([dataset, late.runId]);
        expect(await blobNames(bench.ingestion, '_staging/')).toEqual([]);
    }, 120_000);
});
