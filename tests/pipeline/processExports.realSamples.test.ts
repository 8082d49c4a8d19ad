import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { decimalSum } from '../../src/focus/decimalSum';
import { processExports } from '../../src/pipeline/processExports';
import { rowsOf, withConnection } from '../helpers/withConnection';

// Real Enterprise Agreement exports (legacy ActualCost/AmortizedCost, not FOCUS) from the FinOps toolkit's tests, with
// old EA column names (Cost, BillingCurrency, Product) and M/D/YYYY dates.
const EA = join(__dirname, '..', 'fixtures', 'ea');

function land(root: string, runId: string, type: string, file: string, rows: number): string {
    const folder = `ea/${type}/${runId}`;
    mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(join(EA, file), join(root, folder, 'part_0_0001.csv'));
    const manifest = {
        manifestVersion: '2024-04-01',
        dataRowCount: rows,
        exportConfig: {
            exportName: 'ea',
            resourceId:
                '/providers/Microsoft.Billing/billingAccounts/8611537/providers/Microsoft.CostManagement/exports/ea',
            dataVersion: type === 'FocusCost' ? '1.0r2' : '2023-12-01-preview',
            type,
        },
        runInfo: { runId, submittedTime: '2023-10-02T00:00:00Z', startDate: '2023-09-01T00:00:00' },
        blobs: [{ blobName: `${folder}/part_0_0001.csv`, byteCount: 1, dataRowCount: rows }],
    };
    writeFileSync(join(root, folder, 'manifest.json'), JSON.stringify(manifest));
    return `${folder}/manifest.json`;
}

async function publishedSums(out: string): Promise<{ billed: string; effective: string; files: string[] }> {
    const folder = join(out, 'Costs/2023/09/providers/microsoft.billing/billingaccounts/8611537');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { name: string }[] };
    const files = manifest.files.map((f) => f.name);
    const [sums] = await withConnection((connection) =>
        rowsOf(
            connection,
            `select sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective
             from read_parquet([${files.map((f) => quotedString(join(folder, f))).join(', ')}])`,
        ),
    );
    return { billed: decimalSum([String(sums?.billed)]), effective: decimalSum([String(sums?.effective)]), files };
}

describe('real EA exports', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hub-ea-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('converts legacy actual, then amortized cost into one reconciled Costs folder; refuses FOCUS-labelled legacy files', async () => {
        const root = join(dir, 'msexports');
        const out = join(dir, 'ingestion');
        const process = async () =>
            Object.fromEntries(
                (await processExports(createLocalDeps(root, out, join(out, '.finops-hub'), () => {}))).runs.map((r) => [
                    r.manifest,
                    r.run,
                ]),
            );
        const actual = land(root, 'e0000000-0000-0000-0000-000000000001', 'ActualCost', 'EA_ActualCost_Small.csv', 11);
        const mislabelled = land(
            root,
            'e0000000-0000-0000-0000-000000000003',
            'FocusCost',
            'EA_ActualCost_Small.csv',
            11,
        );
        // A header-only file is read (never taken for empty on the manifest's word) and holds no rows.
        const headerOnly = land(root, 'e0000000-0000-0000-0000-000000000004', 'ActualCost', 'EA_NoRows.csv', 0);
        const first = await process();
        expect(first[actual]).toMatchObject({ status: 'succeeded', dataset: 'Costs', exportType: 'ActualCost' });
        expect(first[mislabelled]).toMatchObject({ status: 'failed', errorCode: 'SchemaMismatch' });
        expect(first[mislabelled]?.error).toContain('BilledCost');
        expect(first[headerOnly]).toMatchObject({ status: 'skipped', errorCode: 'NoRows' });
        // Actual cost alone: billed as invoiced (Σ Cost of the 11 rows); the reservation purchase (3.25) is not
        // amortized anywhere, so it is not in EffectiveCost.
        expect(await publishedSums(out)).toEqual({
            billed: '8.5450077867419368',
            effective: '5.2950077867419368',
            files: ['e0000000-0000-0000-0000-000000000001__part_0_0001.parquet'],
        });

        const amortized = land(
            root,
            'e0000000-0000-0000-0000-000000000002',
            'AmortizedCost',
            'EA_AmortizedCost_Small.csv',
            28,
        );
        expect((await process())[amortized]).toMatchObject({ status: 'succeeded' });
        // Amortized rows plus the actual purchase: EffectiveCost = Σ amortized Cost exactly; BilledCost = the amortized
        // rows' billed cost (covered usage 0.493152 and 0.006000000468 is not billed) plus the 3.25 purchase. The two
        // sample files are not one month of one account (the amortized file has 18 on-demand rows the actual file
        // lacks), so this BilledCost is not Σ actual Cost here; the generated pairs reconcile both exactly.
        expect(await publishedSums(out)).toEqual({
            billed: '19.047780136168644627',
            effective: '16.296932136636644627',
            files: [
                'e0000000-0000-0000-0000-000000000002__part_0_0001.parquet',
                'e0000000-0000-0000-0000-000000000001__commitments.parquet',
            ],
        });
    });
});
