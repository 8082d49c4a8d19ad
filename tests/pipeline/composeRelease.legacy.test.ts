import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { decimalSum } from '../../src/focus/decimalSum';
import { processExports } from '../../src/pipeline/processExports';
import { writeExport } from '../helpers/exportTree';
import { writeLegacyRun } from '../helpers/legacyExports';
import { scenarioDeps, Stores } from '../helpers/publishScenario';
import { rowsOf, withConnection } from '../helpers/withConnection';

// Actual and amortized cost of one scope and month share the Costs folder (docs/legacy-costs.md
// "Actual and amortized together"): whichever lands first, and whichever is re-run, the folder holds the amortized rows
// plus the actual commitment purchases, and the sums reconcile exactly with the exports.

const SCOPE = '/providers/Microsoft.Billing/billingAccounts/7654321';
const FOLDER = 'Costs/2026/09/providers/microsoft.billing/billingaccounts/7654321';
const id = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T06:00:00Z`;

let dir: string;
let stores: Stores;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-legacy-'));
    stores = {
        exports: createFolderStore(join(dir, 'msexports')),
        ingestion: createFolderStore(join(dir, 'ingestion')),
        runs: createFileRunStore(join(dir, 'state')),
    };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (type: 'ActualCost' | 'AmortizedCost', n: number, day: number, parts = 1) =>
    writeLegacyRun(join(dir, 'msexports'), {
        type,
        agreement: 'EA',
        dataVersion: '2023-12-01-preview',
        scope: SCOPE,
        month: '2026-09',
        runId: id(n),
        submittedTime: at(day),
        parts,
    });

const seen = new Set<number>();
/** Processes what landed; returns the status (and code) of each run new since the last call, by run number. */
async function processed(): Promise<Record<string, string>> {
    const { runs } = await processExports(scenarioDeps(stores));
    const fresh = runs.filter(({ run }) => !seen.has(Number(run.runId.slice(0, 8))));
    for (const { run } of fresh) seen.add(Number(run.runId.slice(0, 8)));
    return Object.fromEntries(
        fresh.map(({ run }) => [
            Number(run.runId.slice(0, 8)),
            `${run.status}${run.errorCode ? ` ${run.errorCode}` : ''}`,
        ]),
    );
}

/** The published folder as a reader sees it: manifest runs, files, and exact sums of its Parquet. */
async function published() {
    const manifest = JSON.parse(await stores.ingestion.readText(`${FOLDER}/manifest.json`)) as {
        runId: string;
        sources: { runId: string; exportType: string }[];
        files: { name: string; sourceRunId: string; exportType: string }[];
    };
    const files = (await stores.ingestion.list(`${FOLDER}/`)).filter((n) => n.endsWith('.parquet'));
    const [sums] = await withConnection((connection) =>
        rowsOf(
            connection,
            `select count(*)::int as rows, sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective,
                count(*) filter (where contains(x_SourceChanges, 'CommitmentNotAmortized'))::int as not_amortized
             from read_parquet([${files.map((f) => quotedString(join(dir, 'ingestion', f))).join(', ')}])`,
        ),
    );
    return {
        sources: manifest.sources.map((s) => `${Number(s.runId.slice(0, 8))} ${s.exportType}`),
        files: files.map((f) => f.slice(FOLDER.length + 1).replace(/^0*(\d+)-0000-4000-8000-000000000000__/, '$1:')),
        billed: decimalSum([String(sums?.billed)]),
        effective: decimalSum([String(sums?.effective)]),
        notAmortized: sums?.not_amortized,
    };
}

describe('legacy actual and amortized cost in one Costs folder', () => {
    it('composes in either order and on every re-run; the newest run of each type wins; FocusCost replaces all', async () => {
        const actual1 = run('ActualCost', 1, 2, 2);
        expect(await processed()).toEqual({ 1: 'succeeded' });
        expect(await published()).toMatchObject({
            sources: ['1 ActualCost'],
            files: ['1:part_0_0001.parquet', '1:part_0_0002.parquet'],
            billed: actual1.cost,
            notAmortized: 5,
        });

        const amortized2 = run('AmortizedCost', 2, 3, 2);
        expect(await processed()).toEqual({ 2: 'succeeded' });
        expect(await published()).toEqual({
            sources: ['2 AmortizedCost', '1 ActualCost'],
            files: ['1:commitments.parquet', '2:part_0_0001.parquet', '2:part_0_0002.parquet'],
            billed: actual1.cost,
            effective: amortized2.cost,
            notAmortized: 0,
        });

        const actual3 = run('ActualCost', 3, 4);
        expect(await processed()).toEqual({ 3: 'succeeded' });
        expect(await published()).toMatchObject({
            sources: ['3 ActualCost', '2 AmortizedCost'],
            files: ['2:part_0_0001.parquet', '2:part_0_0002.parquet', '3:commitments.parquet'],
            billed: actual3.cost,
            effective: amortized2.cost,
        });

        const amortized4 = run('AmortizedCost', 4, 5);
        run('AmortizedCost', 5, 1);
        run('ActualCost', 6, 1);
        expect(await processed()).toEqual({ 4: 'succeeded', 5: 'skipped RunSuperseded', 6: 'skipped RunSuperseded' });
        expect(await published()).toMatchObject({
            sources: ['4 AmortizedCost', '3 ActualCost'],
            files: ['3:commitments.parquet', '4:part_0_0001.parquet'],
            billed: actual3.cost,
            effective: amortized4.cost,
        });

        writeExport(join(dir, 'msexports'), {
            runId: id(7),
            submittedTime: at(6),
            month: '2026-09',
            scope: SCOPE,
            parts: [[{ BilledCost: '5', EffectiveCost: '5', ChargePeriodStart: '2026-09-03T00:00:00Z' }]],
        });
        expect(await processed()).toEqual({ 7: 'succeeded' });
        expect(await published()).toMatchObject({ sources: ['7 FocusCost'], files: ['7:part_0_0001.parquet'] });
        run('AmortizedCost', 8, 5);
        expect(await processed()).toEqual({ 8: 'skipped RunSuperseded' });
        const amortized9 = run('AmortizedCost', 9, 7);
        expect(await processed()).toEqual({ 9: 'succeeded' });
        expect(await published()).toMatchObject({
            sources: ['9 AmortizedCost'],
            files: ['9:part_0_0001.parquet'],
            effective: amortized9.cost,
        });
    });
});
