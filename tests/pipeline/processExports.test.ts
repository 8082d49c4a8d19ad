import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { writeExport } from '../helpers/exportTree';
import { rowsOf, withConnection } from '../helpers/withConnection';

const SUB = 'subscriptions/00000000-0000-0000-0000-000000000001';
const RUN_A = '11111111-1111-1111-1111-111111111111';
const RUN_B = '22222222-2222-2222-2222-222222222222';

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-pipeline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exportsDir = () => join(dir, 'msexports');
const outDir = () => join(dir, 'ingestion');
const run = async () =>
    (await processExports(createLocalDeps(exportsDir(), outDir(), join(outDir(), '.finops-hub'), () => {}))).runs;
const listFiles = (folder: string): string[] =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
        .sort();

describe('processExports', () => {
    it('publishes the latest run of a scope and month and replaces the older one', async () => {
        writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-10-05T01:00:00Z',
            month: '2026-10',
            parts: [[{ BilledCost: '1.5', EffectiveCost: '1.5' }]],
        });
        writeExport(exportsDir(), {
            runId: RUN_B,
            submittedTime: '2026-10-06T01:00:00Z',
            month: '2026-10',
            gzip: true,
            rowCounts: null,
            parts: [
                [{ BilledCost: '0.000000000000000001', EffectiveCost: '2' }, { BilledCost: '3' }],
                [{ BilledCost: '-0.25', EffectiveCost: '-0.25' }],
            ],
        });

        const results = await run();

        expect(results.map((r) => [r.run.runId, r.run.status, r.run.totals?.rows])).toEqual([
            [RUN_A, 'succeeded', 1],
            [RUN_B, 'succeeded', 3],
        ]);
        const folder = `Costs/2026/10/${SUB}`;
        expect(listFiles(outDir()).filter((f) => !/^[._]/.test(f))).toEqual([
            `AIAccountCosts/2026/10/${SUB}/${RUN_B}__ai_account_costs.parquet`,
            `AIAccountCosts/2026/10/${SUB}/manifest.json`,
            `AIUnitEconomics/2026/10/${SUB}/${RUN_B}__ai_unit_economics.parquet`,
            `AIUnitEconomics/2026/10/${SUB}/manifest.json`,
            // the scope's insights, recomputed after each publish, say it has no AI cost this month
            `Anomalies/2026/10/${SUB}/${RUN_B}__anomalies.parquet`,
            `Anomalies/2026/10/${SUB}/manifest.json`,
            `${folder}/${RUN_B}__part_0_0001.parquet`,
            `${folder}/${RUN_B}__part_0_0002.parquet`,
            `${folder}/manifest.json`,
            `Forecasts/2026/10/${SUB}/${RUN_B}__forecasts.parquet`,
            `Forecasts/2026/10/${SUB}/manifest.json`,
            `Reports/2026/10/${SUB}/ai-insights.html`,
        ]);
        const manifest = JSON.parse(readFileSync(join(outDir(), folder, 'manifest.json'), 'utf8'));
        expect(manifest).toMatchObject({ runId: RUN_B, rows: 3, sums: { BilledCost: '2.750000000000000001' } });
        await withConnection(async (connection) => {
            const [totals] = await rowsOf(
                connection,
                `select count(*)::int as n, sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective
                 from read_parquet(${quotedString(join(outDir(), 'Costs/**/*.parquet'))})`,
            );
            expect(totals).toEqual({ n: 3, billed: '2.750000000000000001', effective: '2.984567890123456789' });
        });
    });

    it('skips an older run delivered after a newer one was published', async () => {
        writeExport(exportsDir(), {
            runId: RUN_B,
            submittedTime: '2026-10-06T01:00:00Z',
            month: '2026-10',
            parts: [[{}]],
        });
        await run();
        writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-10-05T01:00:00Z',
            month: '2026-10',
            parts: [[{}]],
        });
        const results = await run();
        const older = results.find((r) => r.run.runId === RUN_A)?.run;
        expect(older).toMatchObject({ status: 'skipped', errorCode: 'RunSuperseded' });
        expect(listFiles(outDir()).filter((f) => f.startsWith('Costs/') && f.endsWith('.parquet'))).toEqual([
            `Costs/2026/10/${SUB}/${RUN_B}__part_0_0001.parquet`,
        ]);
    });

    it('treats manifests with the same run id in different scopes as different runs', async () => {
        const other = '/providers/Microsoft.Billing/billingAccounts/1234567';
        writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-10-05T01:00:00Z',
            month: '2026-10',
            parts: [[{}]],
        });
        const manifest = writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-10-05T02:00:00Z',
            month: '2026-10',
            scope: other,
            folder: 'billing/monthly/run',
            parts: [[{ BilledCost: '7' }, { BilledCost: '8' }]],
        });
        const results = await run();
        expect(results.map((r) => [r.run.scope, r.run.status, r.run.totals?.rows])).toEqual([
            [SUB, 'succeeded', 1],
            ['providers/microsoft.billing/billingaccounts/1234567', 'succeeded', 2],
        ]);
        expect(results[1]?.manifest).toBe(manifest);
        expect(listFiles(outDir()).filter((f) => f.startsWith('Costs/') && f.endsWith('.parquet'))).toEqual([
            `Costs/2026/10/providers/microsoft.billing/billingaccounts/1234567/${RUN_A}__part_0_0001.parquet`,
            `Costs/2026/10/${SUB}/${RUN_A}__part_0_0001.parquet`,
        ]);
    });

    it('processes a run once when a copy of its manifest names other parts, and reports the copy', async () => {
        const cost = (amount: string) => [{ BilledCost: amount, EffectiveCost: amount }];
        const month = { runId: RUN_A, submittedTime: '2026-10-05T01:00:00Z', month: '2026-10' };
        writeExport(exportsDir(), { ...month, folder: 'hub/a/run', parts: [cost('1')] });
        writeExport(exportsDir(), { ...month, folder: 'hub/b/run', parts: [cost('2'), cost('3')] });
        const result = await processExports(
            createLocalDeps(exportsDir(), outDir(), join(outDir(), '.finops-hub'), () => {}),
        );
        expect(result.runs.map((r) => [r.manifest, r.run.status, r.run.totals?.rows])).toEqual([
            ['hub/a/run/manifest.json', 'succeeded', 1],
        ]);
        expect(result.unplanned).toEqual([
            {
                manifest: 'hub/b/run/manifest.json',
                error: expect.stringMatching(
                    /^ManifestInvalid: manifest hub\/b\/run\/manifest\.json names run 1{8}-.* which hub\/a\/run\/manifest\.json planned/,
                ),
            },
        ]);
    });

    it('leaves exactly one copy of every row when the same exports are processed twice', async () => {
        writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-10-05T01:00:00Z',
            month: '2026-10',
            parts: [[{}, {}]],
        });
        await run();
        const again = await run();
        expect(again[0]?.run.status).toBe('succeeded');
        expect(listFiles(outDir()).filter((f) => f.startsWith('Costs/') && f.endsWith('.parquet'))).toHaveLength(1);
    });

    it('gives each hostile export its own error code, keeps good runs exact and never modifies inputs', async () => {
        const good = writeExport(exportsDir(), {
            runId: RUN_A,
            submittedTime: '2026-09-05T01:00:00Z',
            month: '2026-09',
            parts: [[{ BilledCost: '10.000000000000000001' }]],
        });
        const bad = (runId: string, extra: Partial<Parameters<typeof writeExport>[1]> = {}) =>
            writeExport(exportsDir(), {
                runId,
                submittedTime: '2026-10-05T01:00:00Z',
                month: '2026-10',
                parts: [[{}]],
                ...extra,
            });
        const edit = (manifest: string, change: (m: Record<string, unknown>) => void) => {
            const path = join(exportsDir(), manifest);
            const value = JSON.parse(readFileSync(path, 'utf8'));
            change(value);
            writeFileSync(path, JSON.stringify(value));
        };
        const expected: Record<string, string> = {};
        const name = (m: string, code: string) => (expected[m] = code);

        mkdirSync(join(exportsDir(), 'hub/empty'), { recursive: true });
        writeFileSync(join(exportsDir(), 'hub/empty/manifest.json'), '');
        name('hub/empty/manifest.json', 'ManifestInvalid');
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-000000000001');
                edit(m, (v) => ((v.blobs as { blobName: string }[])[0]!.blobName = '../../etc/passwd'));
                return m;
            })(),
            'BlobOutsideContainer',
        );
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-000000000002');
                edit(m, (v) => ((v.blobs as { blobName: string }[])[0]!.blobName += '.missing.csv'));
                return m;
            })(),
            'PartMissing',
        );
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-000000000003', { gzip: true });
                const part = join(exportsDir(), m.replace('manifest.json', 'part_0_0001.csv.gz'));
                writeFileSync(part, readFileSync(part).subarray(0, -12));
                return m;
            })(),
            'PartCorrupt',
        );
        name(bad('a0000000-0000-0000-0000-000000000004', { parts: [[{ BilledCost: 'n/a' }]] }), 'ValueInvalid');
        name(bad('a0000000-0000-0000-0000-000000000005', { type: 'ActualCost' }), 'UnsupportedDataset');
        name(bad('a0000000-0000-0000-0000-000000000006', { dataVersion: '9.9' }), 'UnsupportedDataset');
        name(bad('a0000000-0000-0000-0000-000000000007', { parts: [[]] }), 'NoRows');
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-000000000008');
                // A manifest that agrees with itself, about a part that holds other rows.
                edit(m, (v) => ((v.blobs as { dataRowCount: number }[])[0]!.dataRowCount = v.dataRowCount = 5));
                return m;
            })(),
            'RowCountMismatch',
        );
        // Only a top-level count (the parts' own are null): the run is checked against it once its parts are
        // read, never believed without reading them (a run declared empty had its rows dropped as NoRows).
        for (const [runId, total] of [
            ['a0000000-0000-0000-0000-00000000000c', 0],
            ['a0000000-0000-0000-0000-00000000000d', 2],
        ] as const) {
            const m = bad(runId);
            edit(m, (v) => {
                (v.blobs as { dataRowCount: number | null }[])[0]!.dataRowCount = null;
                v.dataRowCount = total;
            });
            name(m, 'RowCountMismatch');
        }
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-000000000009');
                edit(m, (v) => (v.blobs = [...(v.blobs as unknown[]), ...(v.blobs as unknown[])]));
                return m;
            })(),
            'ManifestInvalid',
        );
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-00000000000a');
                const part = join(exportsDir(), m.replace('manifest.json', 'part_0_0001.csv'));
                const outside = join(dir, 'outside.csv');
                writeFileSync(outside, readFileSync(part));
                rmSync(part);
                symlinkSync(outside, part);
                return m;
            })(),
            'BlobOutsideContainer',
        );
        name(
            (() => {
                const m = bad('a0000000-0000-0000-0000-00000000000b');
                const part = join(exportsDir(), m.replace('manifest.json', 'part_0_0001.csv'));
                const [header, ...rows] = readFileSync(part, 'utf8').split('\r\n');
                const lines = [`${header},billedcost`, ...rows.map((row) => (row ? `${row},99` : row))];
                writeFileSync(part, lines.join('\r\n'));
                return m;
            })(),
            'SchemaMismatch',
        );
        const fingerprint = () =>
            listFiles(exportsDir()).map((f) => [
                f,
                createHash('sha256')
                    .update(readFileSync(join(exportsDir(), f)))
                    .digest('hex'),
            ]);
        const before = fingerprint();

        const results = await run();

        expect(fingerprint()).toEqual(before);
        const codes = Object.fromEntries(results.map((r) => [r.manifest, r.run.errorCode ?? r.run.status]));
        expect(codes).toEqual({ ...expected, [good]: 'succeeded' });
        const goodRun = results.find((r) => r.manifest === good)?.run;
        expect(goodRun?.totals).toMatchObject({
            rows: 1,
            sums: { BilledCost: '10.000000000000000001', EffectiveCost: '1.234567890123456789' },
        });
        expect(listFiles(outDir()).filter((f) => f.startsWith('Costs/') && f.endsWith('.parquet'))).toEqual([
            `Costs/2026/09/${SUB}/${RUN_A}__part_0_0001.parquet`,
        ]);
    });
});
