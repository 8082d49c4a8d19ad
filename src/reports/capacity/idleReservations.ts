import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { AI_ACCOUNT_COSTS } from '../../focus/datasets/aiAccountCosts/aiAccountCostsDataset';
import { registerAccountCosts } from '../../focus/datasets/capacity/registerAccountCosts';
import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../focus/objectStore';
import { readPublished } from '../../focus/published/readPublished';
import { trimDecimal } from '../decimalText';

/** A provisioned throughput reservation no deployment used all month: what it left unused, in one billing currency. */
export interface IdleReservation {
    reservation: string;
    currency: string | null;
    unusedHours: string;
    unusedCost: string;
}

/**
 * The month's reservations no deployment used (sql/idle_reservations.sql), from the month's published AIAccountCosts of
 * every scope, downloaded into `scratchDir`: their cost is in Costs but on no deployment, so AIProvisioned cannot show it.
 */
export async function idleReservations(
    connection: DuckDBConnection,
    store: ObjectStore,
    month: string,
    scratchDir: string,
): Promise<IdleReservation[]> {
    const costs = await readPublished(store, AI_ACCOUNT_COSTS, { months: [month] }, join(scratchDir, 'account-costs'));
    await registerAccountCosts(
        connection,
        costs.files.map((file) => ({ path: file.path, scope: file.folder.scope })),
    );
    return readIdleReservations(connection, month);
}

/** The month's reservations no deployment used, from view `account_costs` (registerAccountCosts). */
export async function readIdleReservations(connection: DuckDBConnection, month: string): Promise<IdleReservation[]> {
    const reader = await connection.runAndReadAll(loadSql('idle_reservations', __dirname), { month });
    return (reader.getRowObjectsJson() as Record<string, string | null>[]).map((row) => ({
        reservation: row.reservation ?? '',
        currency: row.currency ?? null,
        unusedHours: trimDecimal(row.unusedHours ?? '0'),
        unusedCost: trimDecimal(row.unusedCost ?? '0'),
    }));
}
