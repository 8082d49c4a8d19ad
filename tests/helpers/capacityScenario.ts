import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type DuckDBConnection, quotedString } from '@duckdb/node-api';

import { transformTelemetry } from '../../src/focus/datasets/aiTelemetry/transformTelemetry';
import { computeCapacity } from '../../src/focus/datasets/capacity/computeCapacity';
import { provisionedSummary } from '../../src/reports/capacity/provisionedSummary';
import { TEST_ACCOUNT, TEST_SUBSCRIPTION } from './telemetryFolders';
import { rowsOf, withConnection } from './withConnection';

// A capacity month from hand-written inputs: telemetry answers as Azure Monitor's API gives them (transformTelemetry
// reads them) and AIAccountCosts rows published under scope folders, through computeCapacity and the `provisioned`
// summary, as the pipeline runs them on published files. October 2026, one subscription's accounts.

/** The telemetry scope computed (the test subscription). */
export const SCOPE = `subscriptions/${TEST_SUBSCRIPTION}`;
export const ACCOUNT = TEST_ACCOUNT.toLowerCase();
export const RESERVATION = '/providers/microsoft.capacity/reservationorders/r1/reservations/r2';
export const hour = (day: number, h: number) => new Date(Date.UTC(2026, 9, day, h)).toISOString().replace('.000Z', 'Z');

/** One AIAccountCosts row; unset fields take a Global provisioned hour in USD of the test subscription. */
export interface CostRow {
    day: string;
    account: string | null;
    type?: string | null;
    tier?: string | null;
    commitment?: string | null;
    status?: string | null;
    unit?: string;
    quantity?: string;
    model?: string | null;
    direction?: string | null;
    cache?: string | null;
    tokens?: string | null;
    effective: string;
    billed: string;
    currency?: string;
    subAccount?: string;
    scope?: string;
    category?: string;
}

const lit = (v: string | null | undefined) => (v === null || v === undefined ? 'null' : `'${v}'`);

/** Writes AIAccountCosts rows to a Parquet file at `path`. */
export async function writeCosts(connection: DuckDBConnection, path: string, rows: CostRow[]): Promise<void> {
    const values = rows.map(
        (r) =>
            `(${[
                r.day,
                r.currency ?? 'USD',
                r.subAccount ?? `/subscriptions/${TEST_SUBSCRIPTION}`,
                r.account,
                r.commitment,
                r.status,
                r.unit ?? 'Hours',
                r.quantity ?? '0',
                r.model,
                r.direction,
                r.cache,
                r.type === undefined ? 'Global' : r.type,
                r.tier === undefined ? 'Provisioned' : r.tier,
                r.tokens,
                r.billed,
                r.effective,
                r.category ?? 'Usage',
            ]
                .map(lit)
                .join(', ')})`,
    );
    await connection.run(`copy (
        select day::date as x_ChargeDate, currency as BillingCurrency, sub as SubAccountId, 'AI' as SubAccountName,
            account as ResourceId, commitment as CommitmentDiscountId, status as CommitmentDiscountStatus,
            unit as PricingUnit, quantity::decimal(38, 18) as PricingQuantity, model as x_ModelId, null::varchar as x_ModelVersion,
            direction as x_TokenDirection, cache as x_CacheAction, type as x_DeploymentType, tier as x_ProcessingTier,
            'Inference' as x_AIWorkload, null::varchar as x_TagCostCenter, null::varchar as x_TagEnvironment,
            null::varchar as x_TagApplication, tokens::decimal(38, 6) as x_TokenCount, billed::decimal(38, 18) as BilledCost,
            effective::decimal(38, 18) as EffectiveCost, category as ChargeCategory
        from (values ${values.join(', ')}) as t(day, currency, sub, account, commitment, status, unit, quantity, model,
            direction, cache, type, tier, tokens, billed, effective, category)
    ) to ${quotedString(path)} (format parquet)`);
}

export type Rows = Record<string, unknown>[];

/** Telemetry answers, cost files each published under a scope folder, and the scope computed. */
export interface Scenario {
    bodies: unknown[];
    /** cost files, each published under a scope folder */
    costs: { scope: string; rows: CostRow[] }[];
    snapshotTime?: string;
    /** telemetry scope the run computes (default SCOPE) */
    scope?: string;
}

/** AITelemetry files from API answers, through the dataset's own transform, written under `dir`. */
export async function telemetryRecords(
    connection: DuckDBConnection,
    dir: string,
    bodies: unknown[],
): Promise<string[]> {
    const paths: string[] = [];
    for (const [i, body] of bodies.entries()) {
        const input = join(dir, `body-${i}.json`);
        writeFileSync(input, JSON.stringify(body));
        const out = join(dir, `records-${i}.parquet`);
        await transformTelemetry(
            connection,
            { path: input, format: 'json', dataVersion: '1', name: `body-${i}.json` },
            out,
        );
        paths.push(out);
    }
    return paths;
}

/** Computes the scenario's month; returns the capacity tables and the `provisioned` summary. */
export async function runScenario(s: Scenario) {
    return withConnection(async (connection, dir) => {
        const telemetry = await telemetryRecords(connection, dir, s.bodies);
        const accountCosts: { path: string; scope: string }[] = [];
        for (const [i, file] of s.costs.entries()) {
            const path = join(dir, `costs-${i}.parquet`);
            await writeCosts(connection, path, file.rows);
            accountCosts.push({ path, scope: file.scope });
        }
        await computeCapacity(
            connection,
            {
                scope: s.scope ?? SCOPE,
                month: '2026-10',
                runId: 'run-1',
                snapshotTime: s.snapshotTime ?? '2026-10-03T02:00:00Z',
            },
            { telemetry, deployments: [], accountCosts },
            dir,
        );
        await connection.run('create view ai_provisioned as select * from provisioned_rows');
        const files = telemetry.map((path) => quotedString(path)).join(', ');
        await connection.run(
            `create view ai_telemetry as select * from read_parquet([${files}], union_by_name = true)`,
        );
        const read = (table: string) => rowsOf(connection, `select * from ${table} order by all`);
        return {
            provisioned: await read('provisioned_rows'),
            allocation: await read('cost_allocation'),
            accountPtu: await read('account_ptu'),
            deployments: await read('deployment_days'),
            summary: await provisionedSummary(connection, '2026-10'),
        };
    });
}

/** Σ of a DECIMAL(38,18) column in units of 10^-18. */
export const units = (rows: Rows, column: string) =>
    rows.reduce((total, row) => {
        const v = (row[column] as string | null) ?? '0';
        const [i, f = ''] = v.split('.');
        const neg = v.startsWith('-');
        const n = BigInt(i!.replace('-', '')) * 10n ** 18n + BigInt((f + '0'.repeat(18)).slice(0, 18));
        return total + (neg ? -n : n);
    }, 0n);
