import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import type { ExportOptions } from '../../src/sample/exportOptions';
import { writeExport } from '../helpers/exportTree';
import { MCA_PROFILE, writeGeneratedExport } from '../helpers/generatedExport';
import { rowsOf, withConnection } from '../helpers/withConnection';

const SUB = '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';
const EA = 'providers/microsoft.billing/billingaccounts/81234567';
const MCA = 'providers/microsoft.billing/billingaccounts/1234abcd:5678_2019-05-31/billingprofiles/ab12-cd34';

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-datasets-'));
    process.env.HUB_INSIGHTS = 'off';
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.HUB_INSIGHTS;
});

const exportsDir = () => join(dir, 'msexports');
const outDir = () => join(dir, 'ingestion');
const run = async () =>
    (await processExports(createLocalDeps(exportsDir(), outDir(), join(outDir(), '.finops-hub'), () => {}))).runs;
const folders = (): string[] =>
    readdirSync(outDir(), { recursive: true, withFileTypes: true })
        .filter((e) => e.name === 'manifest.json' && !e.parentPath.includes('/_') && !e.parentPath.includes('/.'))
        .map((e) => e.parentPath.slice(outDir().length + 1))
        .sort();

/** A generated export run of August 2026 with its own run id and submittedTime. */
function land(
    n: number,
    submittedTime: string,
    options: Partial<ExportOptions> & Pick<ExportOptions, 'type' | 'dataVersion'>,
) {
    return withConnection((connection) =>
        writeGeneratedExport(connection, exportsDir(), {
            exportName: `export-${n}`,
            runId: `5e1a7c00-0000-4000-8000-${String(n).padStart(12, '0')}`,
            submittedTime,
            ...options,
        }),
    );
}

async function priceFills(): Promise<Record<string, unknown>[]> {
    return withConnection((connection) =>
        rowsOf(
            connection,
            `select count(*) filter (where x_SourceChanges like '%PricesFromPriceSheet%')::int as filled,
                    -- list prices the export lacked and no price sheet gave (the conformance step fills them from
                    -- x_EffectiveUnitPrice and flags them)
                    count(*) filter (where x_SourceChanges like '%MissingListUnitPrice%'
                        and x_SourceChanges not like '%PricesFromPriceSheet%')::int as missing
             from read_parquet(${quotedString(join(outDir(), 'Costs/**/*.parquet'))})`,
        ),
    );
}

describe('runs of every dataset', () => {
    it('processes a mixed folder: each dataset in its FinOps hubs folder, prices first, unsupported runs failed', async () => {
        const costs = await land(1, '2026-08-03T00:00:00Z', {
            type: 'FocusCost',
            dataVersion: '1.0r2',
            scope: SUB,
            rows: 1200,
        });
        await land(2, '2026-08-04T00:00:00Z', { type: 'PriceSheet', dataVersion: '2023-05-01', rows: 96 });
        await land(3, '2026-08-04T00:00:00Z', {
            type: 'PriceSheet',
            dataVersion: '2024-08-01',
            channel: 'MCA',
            scope: MCA_PROFILE,
            rows: 48,
        });
        await land(4, '2026-08-05T00:00:00Z', { type: 'ReservationDetails', dataVersion: '2023-03-01', rows: 8 });
        await land(5, '2026-08-05T00:00:00Z', {
            type: 'ReservationTransactions',
            dataVersion: '2023-05-01',
            channel: 'MCA',
            scope: MCA_PROFILE,
            rows: 3,
        });
        await land(6, '2026-08-05T00:00:00Z', {
            type: 'ReservationRecommendations',
            dataVersion: '2023-05-01',
            exportName: 'RI-30d',
            rows: 4,
        });
        await land(7, '2026-08-05T00:00:00Z', {
            type: 'ReservationRecommendations',
            dataVersion: '2023-05-01',
            exportName: 'RI-7d',
            rows: 2,
            channel: 'MCA',
        });
        const unknownVersion = writeExport(exportsDir(), {
            runId: '5e1a7c00-0000-4000-8000-000000000008',
            submittedTime: '2026-08-05T00:00:00Z',
            month: '2026-08',
            type: 'PriceSheet',
            dataVersion: '2021-10-01',
            folder: 'old/pricesheet',
            parts: [[{}]],
        });

        const runs = await run();

        expect(
            runs.map((r) => [r.run.dataset, r.run.scope, r.run.status, r.run.errorCode, r.run.totals?.rows]),
        ).toEqual([
            ['Prices', EA, 'succeeded', undefined, 96],
            ['Prices', MCA, 'succeeded', undefined, 48],
            ['Costs', SUB.slice(1), 'succeeded', undefined, 1200],
            ['CommitmentDiscountUsage', EA, 'succeeded', undefined, 8],
            ['Transactions', MCA, 'succeeded', undefined, 3],
            [
                'PriceSheet',
                'subscriptions/00000000-0000-0000-0000-000000000001',
                'failed',
                'UnsupportedDataset',
                undefined,
            ],
            ['Recommendations', `${EA}ri-30d`, 'succeeded', undefined, 4],
            ['Recommendations', `${MCA}ri-7d`, 'succeeded', undefined, 2],
        ]);
        expect(runs.find((r) => r.manifest === unknownVersion)?.run.error).toContain('Recreate the export');
        expect(runs.find((r) => r.run.dataset === 'Costs')?.run.totals).toMatchObject(costs.totals);
        expect(folders()).toEqual([
            `AIAccountCosts/2026/08/${SUB.slice(1)}`,
            `AIUnitEconomics/2026/08/${SUB.slice(1)}`,
            `CommitmentDiscountUsage/2026/08/${EA}`,
            `Costs/2026/08/${SUB.slice(1)}`,
            `Prices/2026/08/${MCA}`,
            `Prices/2026/08/${EA}`,
            `Recommendations/2026/08/${MCA}ri-7d`,
            `Recommendations/2026/08/${EA}ri-30d`,
            `Transactions/2026/08/${MCA}`,
        ]);
        // The costs were submitted before the price sheet, but price sheets are processed first.
        const [fills] = await priceFills();
        expect(fills).toMatchObject({ missing: 0 });
        expect(fills?.filled).toBeGreaterThan(0);
    });

    it('leaves costs published before their price sheet as they are until a newer costs run replaces them', async () => {
        await land(1, '2026-08-10T00:00:00Z', { type: 'FocusCost', dataVersion: '1.2', scope: SUB, rows: 1200 });
        await run();
        const [before] = await priceFills();
        expect(before).toMatchObject({ filled: 0 });
        expect(before?.missing).toBeGreaterThan(0);

        await land(2, '2026-08-11T00:00:00Z', { type: 'PriceSheet', dataVersion: '2023-05-01', rows: 48 });
        await run();
        expect(await priceFills()).toEqual([before]);

        await land(3, '2026-08-12T00:00:00Z', { type: 'FocusCost', dataVersion: '1.2', scope: SUB, rows: 1200 });
        const runs = await run();
        expect(runs.map((r) => [r.run.dataset, r.run.runId.slice(-1), r.run.status])).toEqual([
            ['Prices', '2', 'succeeded'],
            ['Costs', '1', 'succeeded'],
            ['Costs', '3', 'succeeded'],
        ]);
        expect(await priceFills()).toEqual([{ filled: before?.missing, missing: 0 }]);
    });
});
