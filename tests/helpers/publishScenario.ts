import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { createLocalWorkspace } from '../../src/adapters/workspace';
import { defaultTagAliases } from '../../src/focus/datasets/costs/tagAliases';
import { decimalSum } from '../../src/focus/decimalSum';
import { FOLDER_MANIFEST } from '../../src/focus/layout';
import { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import { ObjectStore, RunStore } from '../../src/pipeline/ports';
import { processExports } from '../../src/pipeline/processExports';
import { aiRow, METERS } from './aiCostRows';
import { ExportSpec, writeExport } from './exportTree';
import { FaultMode, FaultPlan } from './faultInjection';
import { rowsOf, withConnection } from './withConnection';

/**
 * The publish scenario the fault-injection and race tests share: in a billing account scope, run A is published and
 * a billing profile nested inside it has run Q published; then run B (newer, two parts, with AI token rows) replaces
 * A. Whatever happens to B's processing, readers must only ever see A or B complete in the billing account's folders,
 * and Q's folder must end where it was.
 */
export const PARENT = 'providers/microsoft.billing/billingaccounts/1234567';
export const CHILD = `${PARENT}/billingprofiles/abcd-ef`;

const row = (cost: string) => ({ BilledCost: cost, EffectiveCost: cost });
export const RUNS = {
    A: { runId: 'aaaaaaaa-0000-0000-0000-00000000000a', submittedTime: '2026-10-05T01:00:00Z', scope: PARENT },
    Q: { runId: 'cccccccc-0000-0000-0000-00000000000c', submittedTime: '2026-10-05T02:00:00Z', scope: CHILD },
    B: { runId: 'bbbbbbbb-0000-0000-0000-00000000000b', submittedTime: '2026-10-06T01:00:00Z', scope: PARENT },
    C: { runId: 'dddddddd-0000-0000-0000-00000000000d', submittedTime: '2026-10-07T01:00:00Z', scope: PARENT },
} as const;

const gpt = aiRow('gpt', METERS.gpt41Input, { day: 6, units: '2000000', price: '0.002' });
const SPECS: Record<keyof typeof RUNS, Omit<ExportSpec, 'runId' | 'submittedTime'>> = {
    A: { month: '2026-10', scope: `/${PARENT}`, folder: 'ba/daily/a', parts: [[row('1.5')]] },
    Q: { month: '2026-10', scope: `/${CHILD}`, folder: 'bp/daily/q', parts: [[row('0.25')]] },
    B: {
        month: '2026-10',
        scope: `/${PARENT}`,
        folder: 'ba/daily/b',
        gzip: true,
        parts: [[row('10.000000000000000001'), gpt], [row('-0.333333333333333333')]],
    },
    C: { month: '2026-10', scope: `/${PARENT}`, folder: 'ba/daily/c', parts: [[row('7')]] },
};

/** Published file names per run, and B's exact totals. */
export const FILES = {
    A: [`${RUNS.A.runId}__part_0_0001.parquet`],
    Q: [`${RUNS.Q.runId}__part_0_0001.parquet`],
    B: [`${RUNS.B.runId}__part_0_0001.parquet`, `${RUNS.B.runId}__part_0_0002.parquet`],
    C: [`${RUNS.C.runId}__part_0_0001.parquet`],
};
export const B_TOTALS = {
    rows: 3,
    billed: decimalSum(['10.000000000000000001', gpt.BilledCost ?? '', '-0.333333333333333333']),
};

/**
 * Writes the exports of `runs` into a local folder laid out as the msexports container; returns the folder. With
 * `ai`, every run's first part also has B's AI token row (insights need AI history).
 */
export function writeExports(runs: (keyof typeof RUNS)[], { ai = false } = {}): string {
    const root = mkdtempSync(join(tmpdir(), 'hub-scenario-'));
    for (const run of runs) {
        const [first = [], ...rest] = SPECS[run].parts;
        const parts = ai && run !== 'B' ? [[...first, gpt], ...rest] : SPECS[run].parts;
        writeExport(root, { ...RUNS[run], ...SPECS[run], parts });
    }
    return root;
}

export interface Stores {
    exports: ObjectStore;
    ingestion: ObjectStore;
    runs: RunStore;
}

/** One DuckDB instance for all the scenario's runs in a test file, a few sessions at a time. */
const workspace = createLocalWorkspace(
    { memoryLimit: '1GB', threads: 1, tempDirectory: tmpdir(), maxTempDirectorySize: '200MB' },
    4,
);

/** Pipeline deps over `stores` (validation off: it touches no store), wrapped by `plan` when given. */
export function scenarioDeps(stores: Stores, plan?: FaultPlan, exclusive = true): Omit<PipelineDeps, 'queue'> {
    const wrap = <T extends ObjectStore | RunStore>(store: T, label: string) =>
        plan ? plan.wrap(store, label) : store;
    return {
        exports: wrap(stores.exports, 'exports'),
        ingestion: wrap(stores.ingestion, 'ingestion'),
        runs: wrap(stores.runs, 'runs'),
        workspace,
        validation: { mode: 'off', modeSet: true, sampleRows: 1, strict: false },
        tagAliases: defaultTagAliases(),
        storageReport: false,
        timing: { leaseMs: 60_000, staleMs: 60_000, retiredGraceMs: 0, maxResumes: 3 },
        exclusive,
        clock: () => Date.now(),
        log: () => {},
    };
}

/** What a reader listing a published folder sees: the run ids of its Parquet files, and its manifest's run. */
/**
 * Folder and file run stores under `root` where runs A and Q are published, their exports folder then also holding
 * `next` (not yet processed): the start of the scenarios that publish a newer run over them.
 */
export async function publishedAQ(root: string, next: (keyof typeof RUNS)[]): Promise<Stores> {
    const stores = {
        exports: createFolderStore(writeExports(['A', 'Q'])),
        ingestion: createFolderStore(join(root, 'ingestion')),
        runs: createFileRunStore(join(root, 'state')),
    };
    await processExports(scenarioDeps(stores));
    return { ...stores, exports: createFolderStore(writeExports(['A', 'Q', ...next])) };
}

export async function readerView(store: ObjectStore, folder: string) {
    const names = (await store.list(`${folder}/`)).map((name) => name.slice(folder.length + 1));
    const files = names.filter((name) => !name.includes('/') && name.endsWith('.parquet')).sort();
    const runIds = [...new Set(files.map((name) => name.split('__')[0]))];
    const manifest = names.includes(FOLDER_MANIFEST)
        ? (JSON.parse(await store.readText(`${folder}/${FOLDER_MANIFEST}`)) as { runId: string })
        : undefined;
    return { files, runIds, manifestRun: manifest?.runId };
}

const costs = (scope: string) => `Costs/2026/10/${scope}`;
const ai = (scope: string) => `AIUnitEconomics/2026/10/${scope}`;

/**
 * Checks what a reader would see right now: the billing account's Costs folder holds one run's files, all of them
 * (or, where `partial` is allowed, a subset), with a manifest naming that run; the nested billing profile's folder
 * holds Q complete or (mid-swap) nothing.
 */
export async function assertReaderSeesOneRun(store: ObjectStore, partial: boolean): Promise<void> {
    if (partial) {
        const folder = costs(PARENT);
        const files = (await store.list(`${folder}/`)).filter((n) => !n.slice(folder.length + 1).includes('/'));
        const runIds = new Set(
            files.filter((n) => n.endsWith('.parquet')).map((n) => n.split('/').pop()?.split('__')[0]),
        );
        expect(runIds.size).toBeLessThanOrEqual(1);
        return;
    }
    const parent = await readerView(store, costs(PARENT));
    expect(parent.runIds.length).toBeLessThanOrEqual(1);
    const run = parent.runIds[0];
    if (run) {
        expect(parent.files).toEqual(run === RUNS.A.runId ? FILES.A : run === RUNS.C.runId ? FILES.C : FILES.B);
        expect(parent.manifestRun).toBe(run);
    }
    const child = await readerView(store, costs(CHILD));
    if (child.files.length > 0) expect(child.files).toEqual(FILES.Q);
}

/** The end state after any fault and one normal rerun (or a race): B published, every run ended, nothing left over. */
export async function assertFinalState(
    stores: Stores,
    statusOfA: 'succeeded' | 'skipped' | 'either' = 'succeeded',
): Promise<void> {
    for (const [folder, files, runId] of [
        [costs(PARENT), FILES.B, RUNS.B.runId],
        [costs(CHILD), FILES.Q, RUNS.Q.runId],
        [ai(PARENT), [`${RUNS.B.runId}__ai_unit_economics.parquet`], RUNS.B.runId],
        [ai(CHILD), [`${RUNS.Q.runId}__ai_unit_economics.parquet`], RUNS.Q.runId],
    ] as const) {
        expect(await readerView(stores.ingestion, folder)).toEqual({ files, runIds: [runId], manifestRun: runId });
    }
    const runs = await stores.runs.listRuns();
    const a = runs.find((r) => r.runId === RUNS.A.runId);
    if (statusOfA === 'either') expect(['succeeded', 'skipped']).toContain(a?.status);
    else expect(a?.status).toBe(statusOfA);
    if (a?.status === 'skipped') expect(a.errorCode).toBe('RunSuperseded');
    expect(runs.map((r) => [r.runId, r.runId === RUNS.A.runId ? 'A' : r.status]).sort()).toEqual([
        [RUNS.A.runId, 'A'],
        [RUNS.B.runId, 'succeeded'],
        [RUNS.Q.runId, 'succeeded'],
    ]);
    expect(await stores.ingestion.list('_staging/')).toEqual([]);
    expect(await stores.runs.getLease('Costs/2026-10')).toBeUndefined();
    for (const dataset of ['Costs', 'AIUnitEconomics']) {
        expect((await stores.runs.getPublication(dataset, PARENT, '2026-10'))?.value.runId).toBe(RUNS.B.runId);
    }
}

/** Exact row count and BilledCost of the Parquet files a reader of the billing account's Costs folder gets. */
export async function publishedTotals(store: ObjectStore): Promise<{ rows: number; billed: string }> {
    const scratch = mkdtempSync(join(tmpdir(), 'hub-read-'));
    const folder = costs(PARENT);
    const files = (await readerView(store, folder)).files;
    try {
        for (const file of files) await store.download(`${folder}/${file}`, join(scratch, file));
        return await withConnection(async (connection) => {
            const [total] = await rowsOf(
                connection,
                `select count(*)::int as rows, sum(BilledCost)::varchar as billed
                 from read_parquet(${quotedString(join(scratch, '*.parquet'))})`,
            );
            return { rows: Number(total?.rows), billed: decimalSum([String(total?.billed)]) };
        });
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

/**
 * Processes B on fresh stores from `restore` with the store call `at` failing as `mode`, checking a reader's view
 * before every ingestion call (`partialMoves`: the store moves folders blob by blob, so only "never two runs" holds),
 * then runs one normal `process` and checks the end state. Returns the calls the faulted run made.
 */
export async function faultedThenRerun(
    restore: () => Stores | Promise<Stores>,
    partialMoves: boolean,
    at: number,
    mode: FaultMode,
): Promise<string[]> {
    const target = await restore();
    const calls: string[] = [];
    // Published folders only change through the ingestion store: checking before each of its calls sees every state.
    const plan = new FaultPlan(at, mode, (call) => {
        calls.push(call);
        return call.startsWith('ingestion.') ? assertReaderSeesOneRun(target.ingestion, partialMoves) : undefined;
    });
    await processExports(scenarioDeps(target, plan)).catch(() => undefined);
    const rerun = await processExports(scenarioDeps(target, new FaultPlan()));
    expect(rerun.unplanned).toEqual([]);
    await assertFinalState(target);
    expect(await publishedTotals(target.ingestion)).toEqual(B_TOTALS);
    return calls;
}
