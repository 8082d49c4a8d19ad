import { BIGINT, type DuckDBConnection, INTEGER, VARCHAR } from '@duckdb/node-api';

import { assetPath } from '../focus/loadAsset';
import { parseExportScope } from './exportScope';
import { loadSampleSql } from './loadSampleSql';

/** Values the `sample_rows` table macro is called with for one run (row range aside). */
export interface RunValues {
    seed: number;
    /** First day of the billing month, `YYYY-MM-01`. */
    month_start: string;
    /** Days with charges (1 … days in month). */
    days: number;
    subscription_id: string | null;
    billing_account_id: string;
    billing_account_name: string;
    billing_profile_id: string;
}

/** Parameter types, so a null subscription still binds as text and the seed always hashes as BIGINT. */
export const RUN_VALUE_TYPES = {
    seed: BIGINT,
    row_start: BIGINT,
    row_end: BIGINT,
    rows: BIGINT,
    month_start: VARCHAR,
    days: INTEGER,
    subscription_id: VARCHAR,
    billing_account_id: VARCHAR,
    billing_account_name: VARCHAR,
    billing_profile_id: VARCHAR,
};

/** The arguments of the row macros, in order (`sample_rows` takes all but the billing profile). */
export const ROW_MACRO_ARGUMENTS = [
    'seed',
    'row_start',
    'row_end',
    'month_start',
    'days',
    'subscription_id',
    'billing_account_id',
    'billing_account_name',
    'billing_profile_id',
] as const;

/** Creates the generator's temporary macros and meter table on `connection` (idempotent). */
export async function prepareSampleGenerator(connection: DuckDBConnection): Promise<void> {
    await connection.run(loadSampleSql('sample_macros'));
    await connection.run(loadSampleSql('sample_meters'), { meters_path: assetPath('data/sample-meters.csv') });
    await connection.run(loadSampleSql('sample_ai_daily'), { daily_path: assetPath('data/sample-ai-daily.csv') });
    await connection.run(loadSampleSql('sample_ai_events'), { events_path: assetPath('data/sample-ai-events.csv') });
    await connection.run(loadSampleSql('sample_lookups'));
    await connection.run(loadSampleSql('sample_rows'));
    for (const macro of [
        'price_sheet',
        'reservation_details',
        'reservation_recommendations',
        'reservation_transactions',
    ]) {
        await connection.run(loadSampleSql(`sample_${macro}`));
    }
}

/** The macro arguments of one run: seed, month, days covered and billing identity. */
export function runValues(options: { seed: number; month: string; throughDate: string; scope: string }): RunValues {
    const scope = parseExportScope(options.scope);
    return {
        seed: options.seed,
        month_start: `${options.month}-01`,
        days: Number(options.throughDate.slice(8, 10)),
        subscription_id: scope.subscriptionId,
        billing_account_id: scope.billingAccountId,
        billing_account_name: scope.billingAccountName,
        billing_profile_id: scope.billingProfileId,
    };
}

/**
 * Runs `work` with insertion order preserved for this session, so multi-threaded `COPY` writes rows in row order and
 * files are byte-identical run after run; restores the previous setting afterwards.
 */
export async function withRowOrder<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
    const reader = await connection.runAndReadAll("select current_setting('preserve_insertion_order') as value");
    const previous = reader.getRowObjects()[0]?.value === true;
    await connection.run('set session preserve_insertion_order = true');
    try {
        return await work();
    } finally {
        await connection.run(`set session preserve_insertion_order = ${previous ? 'true' : 'false'}`);
    }
}
