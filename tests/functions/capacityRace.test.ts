import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Timer } from '@azure/functions';

import { sweep } from '../../functions/sweep/index';
import { createAzureDeps } from '../../src/adapters/azureDeps';
import { readConfig } from '../../src/config';
import { collectTelemetry } from '../../src/pipeline/collectTelemetry';
import type { RunRecord } from '../../src/pipeline/ports';
import { processExports } from '../../src/pipeline/processExports';
import { refreshCapacity } from '../../src/pipeline/refreshCapacity';
import { CapacityBench, NOW, SETTINGS, startCapacityBench } from '../helpers/capacityBench';
import { FaultPlan } from '../helpers/faultInjection';

// A capacity refresh that reads the month's AIAccountCosts while a Costs run swaps that folder (the old one retired,
// the new one not yet installed) must not publish allocations computed from the empty folder: it refreshes nothing,
// and the sweep computes capacity again from the installed folder. On the sample AI account (capacityBench.ts); the
// race is made by running the other refresh inside the swap's install move.

let bench: CapacityBench;
beforeAll(async () => {
    bench = await startCapacityBench('hub-caprace-');
    const deps = { ...createAzureDeps(readConfig()), log: () => {} };
    await collectTelemetry(SETTINGS, bench.source(), deps, NOW);
    await bench.drainQueue();
}, 300_000);
afterAll(() => bench.stop());

it('a refresh reading AIAccountCosts mid-swap publishes nothing, and the sweep allocates every day exactly', async () => {
    expect((await bench.allocation()).exact).toBeGreaterThan(0);
    const base = { ...createAzureDeps(readConfig()), log: (line: string) => bench.logs.push(line) };
    const succeeded = await base.runs.listRuns(['succeeded']);
    const of = (dataset: string) => succeeded.find((r) => r.dataset === dataset && r.month === '2026-10');
    const [telemetryRun, costRun] = [of('AITelemetry'), of('Costs')];
    if (!telemetryRun || !costRun) throw new Error('no October telemetry or costs run');
    // The same October bill exported again later (a new run id, a later submittedTime), landing in another folder.
    const again = JSON.parse(readFileSync(join(bench.dir, costRun.manifest), 'utf8')) as {
        runInfo: { runId: string; submittedTime: string };
    };
    again.runInfo = {
        ...again.runInfo,
        runId: 'feeeeeee-0000-4000-8000-00000000000f',
        submittedTime: '2026-11-03T00:00:00Z',
    };
    await bench.exportsContainer
        .getBlockBlobClient('late/feeeeeee/manifest.json')
        .uploadData(Buffer.from(JSON.stringify(again)));
    // The racing refresh is another Costs run's of the same month, running inside the new run's AIAccountCosts swap.
    const other: RunRecord = {
        ...costRun,
        runId: 'abcd0000-0000-4000-8000-000000000001',
        submittedTime: '2026-11-02T00:00:00.000Z',
    };
    let raced = false;
    const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', async (call) => {
        // Between the retire and the install of AIAccountCosts (the old folder moved away, the new one not yet in):
        if (raced || !/^ingestion\.moveFolder\(_staging\/.*\/AIAccountCosts\)$/.test(call)) return;
        raced = true;
        await refreshCapacity(other, base);
        // ...whose worker still holds the capacity lease when the new run finishes (its own refresh is then 'busy').
        const holder = { scope: telemetryRun.scope, runId: telemetryRun.runId, claim: 'other-worker' };
        const expiresAt = new Date(Date.now() + 600_000).toISOString();
        await base.runs.putLease({ name: 'AIDeployments/2026-10', holder, expiresAt }, undefined);
    });
    await processExports({ ...base, ingestion: plan.wrap(base.ingestion, 'ingestion') });
    expect(raced).toBe(true);
    // The other worker finishes and lets the lease go.
    const lease = await base.runs.getLease('AIDeployments/2026-10');
    if (lease) await base.runs.deleteLease('AIDeployments/2026-10', lease.etag);
    const after = await bench.allocation();
    await sweep({} as Timer, bench.context('sweep'));
    await sweep({} as Timer, bench.context('sweep'));
    const swept = await bench.allocation();
    expect(after.exact).toBe(after.days);
    expect(swept.exact).toBe(swept.days);
}, 300_000);
