import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFolderStore } from '../../src/adapters/folderStore';
import { loadAiHistory } from '../../src/reports/loadAiHistory';
import { withConnection } from '../helpers/withConnection';

const SCOPE = 'subscriptions/00000000-0000-0000-0000-000000000002';

/** Whether loadAiHistory takes September over, its AI use having stopped on the 11th, published by a run submitted then. */
async function closedWhenSubmitted(submittedTime: string): Promise<boolean> {
    return withConnection(async (connection, dir) => {
        const folder = join(dir, 'ingestion', 'AIUnitEconomics', '2026', '09', ...SCOPE.split('/'));
        mkdirSync(folder, { recursive: true });
        await connection.run(
            `copy (
                select d::date as x_ChargeDate, 'USD' as BillingCurrency, 'gpt-4o' as x_ModelId,
                    100::decimal(38, 18) as EffectiveCost
                from range('2026-09-01'::date, '2026-09-12'::date, interval 1 day) as r(d)
            ) to ${quotedString(join(folder, 'run__aiue.parquet'))} (format parquet)`,
        );
        writeFileSync(
            join(folder, 'manifest.json'),
            JSON.stringify({ runId: 'run', submittedTime, files: [{ name: 'run__aiue.parquet' }] }),
        );
        const store = createFolderStore(join(dir, 'ingestion'));
        const history = await loadAiHistory(connection, store, { scope: SCOPE }, join(dir, 'scratch'));
        return history.closed;
    });
}

describe('loadAiHistory', () => {
    it('takes a month for over when a run submitted after it published it, though its AI use stopped mid-month', async () => {
        expect(await closedWhenSubmitted('2026-10-02T05:00:00Z')).toBe(true);
    });

    it('takes a month for still open while its newest run was submitted within it', async () => {
        expect(await closedWhenSubmitted('2026-09-20T05:00:00Z')).toBe(false);
    });
});
