import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { expireMonths } from '../../src/pipeline/expireMonths';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { scenarioDeps } from '../helpers/publishScenario';

// Retention deletes published data a whole month at a time: every scope's folder of that month, each manifest.json
// with the files it lists (a blob lifecycle rule could delete a manifest and its files on different days), and leaves
// a month alone while a publish holds it.

const SCOPE = 'providers/microsoft.billing/billingaccounts/1';
const NESTED = `${SCOPE}/billingprofiles/p`;

describe('expireMonths', () => {
    it('deletes whole month folders older than the months kept, and none a publish holds', async () => {
        const root = mkdtempSync(join(tmpdir(), 'hub-retention-'));
        const stores = {
            exports: createFolderStore(join(root, 'exports')),
            ingestion: createFolderStore(join(root, 'ingestion')),
            runs: createFileRunStore(join(root, 'state')),
        };
        const months = ['2025-06', '2025-07', '2025-08', '2025-09', '2026-10'];
        for (const month of months) {
            const [yyyy, mm] = month.split('-');
            for (const dataset of ['Costs', 'Anomalies']) {
                for (const scope of [SCOPE, NESTED]) {
                    const folder = `${dataset}/${yyyy}/${mm}/${scope}`;
                    await stores.ingestion.writeText(`${folder}/r1__part_0_0001.parquet`, 'x');
                    await stores.ingestion.writeText(`${folder}/manifest.json`, '{}');
                }
            }
            await stores.ingestion.writeText(`Reports/${yyyy}/${mm}/${SCOPE}/ai-insights.html`, '<html>');
        }
        await stores.ingestion.writeText('_staging/r9-0000000000000000/converted/Costs/r9__part.parquet', 'x');
        const deps = {
            ...scenarioDeps(stores, undefined, false),
            queue: createMemoryWorkQueue(),
            clock: () => Date.parse('2026-10-15T00:00:00Z'),
        };
        // A publish of 2025-07 Costs holds its lease.
        const holder = { scope: SCOPE, runId: 'r7', claim: 'c7' };
        await stores.runs.putLease({ name: 'Costs/2025-07', holder, expiresAt: '2026-10-15T00:10:00Z' }, undefined);

        const deleted = await expireMonths(13, deps);
        expect(deleted.sort()).toEqual([
            'Anomalies/2025/06',
            'Anomalies/2025/07',
            'Anomalies/2025/08',
            'Costs/2025/06',
            'Costs/2025/08',
            'Reports/2025/06',
            'Reports/2025/07',
            'Reports/2025/08',
        ]);
        const left = await stores.ingestion.list('');
        expect(left.filter((name) => /\/2025\/0[678]\//.test(name)).sort()).toEqual(
            [
                `Costs/2025/07/${SCOPE}/manifest.json`,
                `Costs/2025/07/${SCOPE}/r1__part_0_0001.parquet`,
                `Costs/2025/07/${NESTED}/manifest.json`,
                `Costs/2025/07/${NESTED}/r1__part_0_0001.parquet`,
            ].sort(),
        );
        expect(left.filter((name) => name.includes('/2025/09/') || name.includes('/2026/10/'))).toHaveLength(18);
        expect(left.filter((name) => name.startsWith('_staging/'))).toHaveLength(1);
        expect((await stores.runs.listLeases()).map((lease) => lease.value.name)).toEqual(['Costs/2025-07']);
    });
});
