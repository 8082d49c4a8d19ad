import type { DuckDBConnection } from '@duckdb/node-api';

import { AI_ACCOUNT_COSTS } from '../datasets/aiAccountCosts/aiAccountCostsDataset';
import { loadSql } from '../loadAsset';
import { addMonths } from '../months';
import type { ObjectStore } from '../objectStore';
import { createParquetView } from '../published/createParquetView';
import { readPublished } from '../published/readPublished';

/** Days of published costs whose AI accounts the telemetry timer pulls. */
export const RECENT_DAYS = 31;

/** The AI accounts (resource ids, lower-cased) with charges in the published AIAccountCosts of the last 31 days. */
export async function recentAccounts(
    connection: DuckDBConnection,
    store: ObjectStore,
    now: Date,
    scratchDir: string,
): Promise<string[]> {
    const month = now.toISOString().slice(0, 7);
    const { files } = await readPublished(
        store,
        AI_ACCOUNT_COSTS,
        { months: [addMonths(month, -1), month] },
        scratchDir,
    );
    if (files.length === 0) return [];
    await createParquetView(
        connection,
        'recent_account_costs',
        files.map((file) => file.path),
    );
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
    const reader = await connection.runAndReadAll(loadSql('recent_ai_accounts', __dirname), { since });
    return reader.getRows().map(([id]) => String(id));
}
