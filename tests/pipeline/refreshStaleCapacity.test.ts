import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { TransientError } from '../../src/errors';
import { CAPACITY_DATASETS } from '../../src/focus/datasets/capacity/capacityDatasets';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { processExports } from '../../src/pipeline/processExports';
import { sweepRuns } from '../../src/pipeline/sweepRuns';
import { aiRow, METERS } from '../helpers/aiCostRows';
import { writeExport } from '../helpers/exportTree';
import { FaultPlan } from '../helpers/faultInjection';
import { readerView, scenarioDeps, Stores } from '../helpers/publishScenario';
import { deploymentsPage, TEST_SUBSCRIPTION, writeTelemetryFolder } from '../helpers/telemetryFolders';

// The capacity datasets are recomputed after a publish, once the run has succeeded: a refresh that fails is logged and
// changes nothing. The sweep then finds the telemetry scopes and months whose capacity datasets are missing, or were
// published before the latest AITelemetry or Costs publication of the month, and computes them. The failing staging
// upload is injected into the real folder store (FaultPlan), once per publish.

const SCOPE = `subscriptions/${TEST_SUBSCRIPTION}`;
const COSTS_RUN = 'eeeeeeee-0000-4000-8000-00000000000e';
let root: string;
beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'hub-stale-capacity-'))));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Fails the first staging upload of an AIProvisioned file. */
function failingRefresh(): { plan: FaultPlan; failed: () => boolean } {
    let failed = false;
    const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) => {
        if (failed || !call.startsWith('ingestion.upload(') || !call.includes('__ai_provisioned.parquet')) return;
        failed = true;
        throw new TransientError('StorageUnavailable', 'injected: the staged AIProvisioned upload failed');
    });
    return { plan, failed: () => failed };
}

describe('refreshStaleCapacity', () => {
    it('computes missing capacity datasets, then those published before the month’s latest Costs', async () => {
        const exportsDir = join(root, 'msexports');
        const telemetry = writeTelemetryFolder(exportsDir, 'telemetry/oct', [
            {
                name: 'deployments-0001.json',
                kind: 'deployments',
                body: deploymentsPage([{ name: 'chat-ptu', sku: 'GlobalProvisionedManaged', capacity: 50 }]),
            },
        ]);
        const stores: Stores = {
            exports: createFolderStore(exportsDir),
            ingestion: createFolderStore(join(root, 'ingestion')),
            runs: createFileRunStore(join(root, 'state')),
        };
        const logs: string[] = [];
        const deps = (plan?: FaultPlan) => ({ ...scenarioDeps(stores, plan), log: (line: string) => logs.push(line) });
        const capacityRuns = async () => {
            const runs = [];
            for (const dataset of CAPACITY_DATASETS) {
                const recorded = (await stores.runs.getPublication(dataset, SCOPE, '2026-10'))?.value.runId;
                const folder = await readerView(stores.ingestion, `${dataset}/2026/10/${SCOPE}`);
                runs.push([dataset, recorded, folder.manifestRun]);
            }
            return runs;
        };
        const sweep = () => sweepRuns({ ...deps(), queue: createMemoryWorkQueue() });

        const first = failingRefresh();
        const { runs } = await processExports(deps(first.plan));
        const telemetryRun = runs.find((r) => r.manifest === telemetry)?.run;
        expect([first.failed(), telemetryRun?.status]).toEqual([true, 'succeeded']);
        expect(logs.some((line) => line.startsWith(`Capacity ${SCOPE} 2026-10 not refreshed:`))).toBe(true);
        const none = CAPACITY_DATASETS.map((dataset) => [dataset, undefined, undefined]);
        expect(await capacityRuns()).toEqual(none);

        await sweep();
        const byTelemetry = CAPACITY_DATASETS.map((d) => [d, telemetryRun?.runId, telemetryRun?.runId]);
        expect(await capacityRuns()).toEqual(byTelemetry);
        await sweep();
        expect(await capacityRuns()).toEqual(byTelemetry);

        // The month's bill lands; its refresh fails: the capacity datasets are older than the Costs publication.
        writeExport(exportsDir, {
            runId: COSTS_RUN,
            submittedTime: '2026-10-03T04:00:00Z',
            month: '2026-10',
            scope: `/${SCOPE}`,
            folder: 'sub/daily/oct',
            parts: [[aiRow('gpt', METERS.gpt41Input, { day: 2, units: '2000000', price: '0.002' })]],
        });
        const second = failingRefresh();
        await processExports(deps(second.plan));
        expect(second.failed()).toBe(true);
        expect((await stores.runs.getPublication('Costs', SCOPE, '2026-10'))?.value.runId).toBe(COSTS_RUN);
        expect(await capacityRuns()).toEqual(byTelemetry);

        await sweep();
        expect(await capacityRuns()).toEqual(CAPACITY_DATASETS.map((dataset) => [dataset, COSTS_RUN, COSTS_RUN]));
        expect(await stores.ingestion.list('_staging/')).toEqual([]);
        expect(await stores.runs.getLease('AIDeployments/2026-10')).toBeUndefined();
    });
});
