import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { decimalSum } from '../../src/focus/decimalSum';
import { FOLDER_MANIFEST } from '../../src/focus/layout';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { planRun } from '../../src/pipeline/planRun';
import type { ObjectStore } from '../../src/pipeline/ports';
import { processExports } from '../../src/pipeline/processExports';
import { runPart } from '../../src/pipeline/runPart';
import { equivalentPoints, FaultMode, FaultPlan, pointsToRun, ProcessDeath } from '../helpers/faultInjection';
import { inPool } from '../helpers/inPool';
import { writeLegacyRun, type WrittenLegacyRun } from '../helpers/legacyExports';
import { scenarioDeps, Stores } from '../helpers/publishScenario';
import { rowsOf, withConnection } from '../helpers/withConnection';

// The composed publish, under faults: amortized run M is published; actual run A, all parts converted, composes with
// it (M's files copied, A's purchases filtered into A__commitments.parquet, AIUnitEconomics recomputed) and swaps the
// folder in. Every store call of that publish fails in each of three modes (the points that stand for them:
// equivalentPoints; by default a fixed sample of them, all with FAULT_POINTS=all); then one normal `process` runs.
// Before every ingestion call a reader must see M alone or M plus A's purchases (or, between the two renames,
// nothing), each folder exactly as its manifest lists it; afterwards the composed folder, reconciled.

const SCOPE = '/providers/Microsoft.Billing/billingAccounts/7654321';
const COSTS = 'Costs/2026/09/providers/microsoft.billing/billingaccounts/7654321';
const M = '0000000b-0000-4000-8000-00000000000b';
const A = '0000000a-0000-4000-8000-00000000000a';
const BEFORE = [`${M}__part_0_0001.parquet`];
const AFTER = [`${A}__commitments.parquet`, `${M}__part_0_0001.parquet`];

let dir: string;
let seed: string;
let exportsDir: string;
let actual: WrittenLegacyRun;
let amortized: WrittenLegacyRun;

const stores = (root: string): Stores => ({
    exports: createFolderStore(exportsDir),
    ingestion: createFolderStore(join(root, 'ingestion')),
    runs: createFileRunStore(join(root, 'state')),
});

const legacy = (type: 'ActualCost' | 'AmortizedCost', runId: string, day: number) =>
    writeLegacyRun(exportsDir, {
        type,
        agreement: 'MCA',
        dataVersion: '2023-12-01-preview',
        scope: SCOPE,
        month: '2026-09',
        runId,
        submittedTime: `2026-10-0${day}T06:00:00Z`,
        ai: true,
    });

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-composed-faults-'));
    exportsDir = join(dir, 'msexports');
    seed = join(dir, 'seed');
    amortized = legacy('AmortizedCost', M, 2);
    await processExports(scenarioDeps(stores(seed)));
    actual = legacy('ActualCost', A, 3);
    // Convert A's parts, then stop before its publish takes the lease: the seed every attempt starts from.
    const stop = new FaultPlan(Number.POSITIVE_INFINITY, 'die', (call) => {
        if (!call.startsWith('runs.getLease')) return;
        stop.dead = true;
        throw new ProcessDeath('stopped before publishing');
    });
    await processExports(scenarioDeps(stores(seed), stop)).catch(() => undefined);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a reader listing a published folder sees: its Parquet files, which must be those its manifest lists. */
async function folderView(store: ObjectStore, folder: string): Promise<string[]> {
    const names = (await store.list(`${folder}/`)).map((name) => name.slice(folder.length + 1));
    const files = names.filter((n) => !n.includes('/') && n.endsWith('.parquet')).sort();
    if (files.length === 0) return files;
    const manifest = JSON.parse(await store.readText(`${folder}/${FOLDER_MANIFEST}`)) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(files);
    return files;
}

async function assertReaderSeesOneState(store: ObjectStore): Promise<void> {
    const files = await folderView(store, COSTS);
    expect([[], BEFORE, AFTER]).toContainEqual(files);
    const ai = await folderView(store, COSTS.replace('Costs/', 'AIUnitEconomics/'));
    expect([[], [`${M}__ai_unit_economics.parquet`], [`${A}__ai_unit_economics.parquet`]]).toContainEqual(ai);
}

let attempt = 0;
async function faultedThenRerun(at: number, mode: FaultMode, calls: string[] = []): Promise<number> {
    const root = join(dir, `try-${++attempt}`);
    cpSync(seed, root, { recursive: true });
    const target = stores(root);
    const plan = new FaultPlan(at, mode, (call) => {
        calls.push(call);
        return call.startsWith('ingestion.') ? assertReaderSeesOneState(target.ingestion) : undefined;
    });
    await processExports(scenarioDeps(target, plan)).catch(() => undefined);
    const rerun = await processExports(scenarioDeps(target, new FaultPlan()));
    expect(rerun.runs.find((r) => r.run.runId === A)?.run.status).toBe('succeeded');
    expect(await folderView(target.ingestion, COSTS)).toEqual(AFTER);
    expect(await target.ingestion.list('_staging/')).toEqual([]);
    expect(await target.runs.getLease('Costs/2026-09')).toBeUndefined();
    const publication = await target.runs.getPublication('Costs', COSTS.slice('Costs/2026/09/'.length), '2026-09');
    expect(publication?.value.sources?.map((s) => s.runId)).toEqual([A, M]);
    const [sums] = await withConnection((connection) =>
        rowsOf(
            connection,
            `select sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective,
                (select sum(EffectiveCost) from read_parquet(${quotedString(join(root, 'ingestion', COSTS.replace('Costs/', 'AIUnitEconomics/'), `${A}__ai_unit_economics.parquet`))}))::varchar as ai
             from read_parquet(${quotedString(join(root, 'ingestion', COSTS, '*.parquet'))})`,
        ),
    );
    expect([decimalSum([String(sums?.billed)]), decimalSum([String(sums?.effective)])]).toEqual([
        actual.cost,
        amortized.cost,
    ]);
    expect(Number(sums?.ai)).toBeGreaterThan(0);
    rmSync(root, { recursive: true, force: true });
    return plan.calls;
}

describe('fault injection on a composed publish (folder store)', () => {
    it('publishes amortized plus actual purchases exactly once, whichever store call fails or kills the process', async () => {
        const calls: string[] = [];
        await faultedThenRerun(Number.POSITIVE_INFINITY, 'throw', calls);
        // Up to A's last record: the calls after it (planning the already finished runs again) change nothing.
        const total = calls.lastIndexOf('runs.updateRun()') + 1;
        const { run, says } = pointsToRun(equivalentPoints(calls.slice(0, total)));
        console.log(`Fault points (composed publish): ${total} store calls × 3 modes, ${says}`);
        expect(total).toBeGreaterThan(40);
        await inPool(
            run.map(
                ({ at, mode }) =>
                    () =>
                        faultedThenRerun(at, mode),
            ),
            2,
        );
    }, 300_000);

    it('stages again when another run published after the worker staged and died', async () => {
        const root = join(dir, 'restage');
        cpSync(seed, root, { recursive: true });
        const target = stores(root);
        // A stages over M, records it, and dies before its swap begins.
        let staged = false;
        const die = new FaultPlan(Number.POSITIVE_INFINITY, 'die', (call) => {
            if (call.startsWith('ingestion.writeText')) return void (staged = true);
            if (!staged || !call.startsWith('runs.getPublication')) return;
            die.dead = true;
            throw new ProcessDeath('died after staging');
        });
        await processExports(scenarioDeps(target, die)).catch(() => undefined);
        expect((await target.runs.getRun({ scope: COSTS.slice(14), runId: A }))?.value.stagedAt).toBeDefined();
        // Meanwhile a newer amortized run publishes (a worker of its own, before any sweep resumes A).
        const m2 = '0000000c-0000-4000-8000-00000000000c';
        const amortized2 = legacy('AmortizedCost', m2, 4);
        const queue = createMemoryWorkQueue();
        const deps = { ...scenarioDeps(target), queue };
        const manifest = amortized2.manifestName;
        await planRun(manifest, deps);
        for (let item = queue.take(); item; item = queue.take()) await runPart(item, deps);
        expect(await folderView(target.ingestion, COSTS)).toEqual([`${m2}__part_0_0001.parquet`]);

        await processExports(scenarioDeps(target));
        expect(await folderView(target.ingestion, COSTS)).toEqual([
            `${A}__commitments.parquet`,
            `${m2}__part_0_0001.parquet`,
        ]);
        const [sums] = await withConnection((connection) =>
            rowsOf(
                connection,
                `select sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective
                 from read_parquet(${quotedString(join(root, 'ingestion', COSTS, '*.parquet'))})`,
            ),
        );
        expect([decimalSum([String(sums?.billed)]), decimalSum([String(sums?.effective)])]).toEqual([
            actual.cost,
            amortized2.cost,
        ]);
        rmSync(join(exportsDir, manifest.split('/').slice(0, -1).join('/')), { recursive: true, force: true });
    }, 60_000);
});
