import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { generateSampleTree } from '../../src/sample/generateSampleTree';
import { withSampleDb } from './withSampleDb';

test('writes the bundled sample and describes runs, latest runs and exact totals', async () => {
    await withSampleDb(async (connection, root) => {
        const runs = await generateSampleTree(connection, root);
        expect(runs.map((run) => [run.type, run.exportName, run.month, run.totals.rows, run.latest])).toEqual([
            ['FocusCost', 'contoso-daily', '2026-08', 1200, true],
            ['FocusCost', 'contoso-daily', '2026-09', 500, false],
            ['FocusCost', 'contoso-daily', '2026-09', 900, true],
            ['FocusCost', 'contoso-billing', '2026-09', 700, true],
            ['FocusCost', 'contoso-billing', '2026-10', 600, true],
            ['FocusCost', 'contoso-sandbox', '2026-10', 0, true],
            ['PriceSheet', 'contoso-prices', '2026-08', 94, true],
            ['PriceSheet', 'contoso-prices', '2026-09', 94, true],
            ['ReservationDetails', 'contoso-ri-details', '2026-08', 62, true],
            ['ReservationTransactions', 'contoso-ri-transactions', '2026-08', 3, true],
            ['ReservationDetails', 'contoso-ri-details', '2026-09', 60, true],
            ['ReservationTransactions', 'contoso-ri-transactions', '2026-09', 3, true],
            ['ReservationRecommendations', 'contoso-ri-recs', '2026-10', 6, true],
        ]);
        for (const run of runs.filter((r) => r.type === 'FocusCost')) {
            expect(existsSync(join(root, run.manifestName))).toBe(true);
            const manifest = JSON.parse(readFileSync(join(root, run.manifestName), 'utf8'));
            expect(manifest.blobs.map((blob: { blobName: string }) => blob.blobName)).toEqual(run.blobNames);
            if (run.totals.rows === 0) continue;
            const reader = run.blobNames[0]?.endsWith('.parquet')
                ? 'read_parquet($files)'
                : 'read_csv($files, all_varchar = true)';
            const result = await connection.runAndReadAll(
                `select count(*) as n, sum(BilledCost::decimal(38, 18))::varchar as billed,
                    sum(EffectiveCost::decimal(38, 18))::varchar as effective from ${reader}`,
                { files: join(root, dirname(run.manifestName), 'part_*') },
            );
            expect(result.getRowObjectsJson()[0]).toEqual({
                n: String(run.totals.rows),
                billed: run.totals.sums.BilledCost,
                effective: run.totals.sums.EffectiveCost,
            });
        }
        const rerun = JSON.parse(readFileSync(join(root, runs[2]?.manifestName ?? ''), 'utf8'));
        expect(rerun.dataRowCount).toBeNull();
        const billing = JSON.parse(readFileSync(join(root, runs[3]?.manifestName ?? ''), 'utf8'));
        expect(billing.manifestVersion).toBeUndefined();
        expect(runs[3]?.manifestName.startsWith('providers/Microsoft.Billing/billingAccounts/81234567/')).toBe(true);
    });
});
