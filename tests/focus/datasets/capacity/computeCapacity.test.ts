import { join } from 'node:path';

import { type DuckDBConnection, quotedString } from '@duckdb/node-api';

import { computeCapacity } from '../../../../src/focus/datasets/capacity/computeCapacity';
import { telemetryRecords } from '../../../helpers/capacityScenario';
import { batchBody, deploymentsPage, metric, TEST_ACCOUNT, TEST_SUBSCRIPTION } from '../../../helpers/telemetryFolders';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

// computeCapacity on real DuckDB over records the telemetry transform wrote from API bodies, and AI account costs
// chosen to make the splits hard: amounts not divisible by the weights, a unit of 10^-18 to place, a reservation two
// accounts used, consumers who report too little or too much.

const SCOPE = `subscriptions/${TEST_SUBSCRIPTION}`;
const OTHER = `/subscriptions/${TEST_SUBSCRIPTION}/resourcegroups/rg-ai/providers/microsoft.cognitiveservices/accounts/aoai-other`;
const ACCOUNT = TEST_ACCOUNT.toLowerCase();
const RESERVATION = '/providers/microsoft.capacity/reservationorders/r1/reservations/r2';
const hour = (day: number, h: number, values: Record<string, number>) => ({
    timeStamp: new Date(Date.UTC(2026, 9, day, h)).toISOString().replace('.000Z', 'Z'),
    ...values,
});

/** AIAccountCosts rows (day, account, type, commitment, status, token direction, quantity, effective, billed). */
async function costs(connection: DuckDBConnection, path: string, rows: string[]): Promise<void> {
    await connection.run(`copy (
        select day::date as x_ChargeDate, 'USD' as BillingCurrency, '/subscriptions/${TEST_SUBSCRIPTION}' as SubAccountId,
            'AI' as SubAccountName, account as ResourceId, commitment as CommitmentDiscountId, status as CommitmentDiscountStatus,
            unit as PricingUnit, quantity::decimal(38, 18) as PricingQuantity, model as x_ModelId, null as x_ModelVersion,
            direction as x_TokenDirection, cache as x_CacheAction, type as x_DeploymentType, tier as x_ProcessingTier,
            'Inference' as x_AIWorkload, null::varchar as x_TagCostCenter, null::varchar as x_TagEnvironment,
            null::varchar as x_TagApplication, tokens::decimal(38, 6) as x_TokenCount, billed::decimal(38, 18) as BilledCost,
            effective::decimal(38, 18) as EffectiveCost, 'Usage' as ChargeCategory
        from (values ${rows.join(', ')}) as t(day, account, type, tier, commitment, status, unit, quantity, model,
            direction, cache, tokens, effective, billed)
    ) to ${quotedString(path)} (format parquet)`);
}

type Rows = Record<string, unknown>[];
let tables: { provisioned: Rows; allocation: Rows; usage: Rows; deployments: Rows };

beforeAll(async () => {
    tables = await withConnection(async (connection, dir) => {
        const telemetry = await telemetryRecords(connection, dir, [
            deploymentsPage([
                { name: 'ptu-a', sku: 'GlobalProvisionedManaged', capacity: 15 },
                { name: 'ptu-b', sku: 'GlobalProvisionedManaged', capacity: 20 },
                { name: 'ptu-c', sku: 'GlobalProvisionedManaged', capacity: 35 },
                { name: 'ptu-idle', sku: 'DataZoneProvisionedManaged', capacity: 25 },
                { name: 'ptu-regional', sku: 'ProvisionedManaged', capacity: 50 },
                { name: 'std', sku: 'GlobalStandard', capacity: 100 },
            ]),
            batchBody([
                metric('InputTokens', [
                    {
                        dimensions: { modeldeploymentname: 'std', modelname: 'gpt-4o' },
                        points: [hour(1, 3, { total: 10 })],
                    },
                    {
                        dimensions: { modeldeploymentname: 'ptu-a', modelname: 'gpt-4o' },
                        points: [hour(1, 4, { total: 900 })],
                    },
                    {
                        dimensions: { modeldeploymentname: 'ptu-old', modelname: 'gpt-4o' },
                        points: [hour(1, 5, { total: 5 })],
                    },
                ]),
            ]),
            {
                tables: [
                    {
                        name: 'PrimaryResult',
                        columns: ['timestamp', 'name', 'dimension', 'consumer', 'deployment', 'value'].map((name) => ({
                            name,
                        })),
                        rows: [
                            ...['t1', 't2', 't3'].map((team) => [
                                hour(1, 3, {}).timeStamp,
                                'Prompt Tokens',
                                'Team',
                                team,
                                'std',
                                1,
                            ]),
                            ...['t1', 't2'].map((team) => [
                                hour(1, 4, {}).timeStamp,
                                'Prompt Tokens',
                                'Team',
                                team,
                                'ptu-a',
                                700,
                            ]),
                            [hour(1, 4, {}).timeStamp, 'Prompt Tokens', 'Team', 't1', 'nowhere', 42],
                        ],
                    },
                ],
            },
        ]);
        // The earlier snapshot still knows ptu-old, a Data Zone deployment deleted since.
        const previous = join(dir, 'previous.parquet');
        await connection.run(`copy (select '2026-10-01 12:00:00+00'::timestamptz as x_SnapshotTime,
            '/subscriptions/${TEST_SUBSCRIPTION}' as SubAccountId, '${ACCOUNT}' as ResourceId, 'aoai-test' as ResourceName,
            'ptu-old' as x_DeploymentName, 'DataZoneProvisionedManaged' as x_DeploymentSku, 10::bigint as x_DeploymentCapacity,
            'gpt-4o' as x_ModelName, '2024-11-20' as x_ModelVersion, 'OpenAI' as x_ModelFormat,
            null::varchar as x_SpilloverDeploymentName, 'Succeeded' as x_ProvisioningState) to ${quotedString(previous)} (format parquet)`);
        const billed = join(dir, 'costs.parquet');
        const row = (...values: (string | number | null)[]) =>
            `(${values.map((v) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')})`;
        await costs(connection, billed, [
            // Global PTU-hours covered by the reservation, and the reservation's unused hours, which aoai-other used too.
            row(
                '2026-10-01',
                ACCOUNT,
                'Global',
                'Provisioned',
                RESERVATION,
                'Used',
                'Hours',
                1680,
                null,
                null,
                null,
                null,
                '100.000000000000000001',
                '0',
            ),
            row(
                '2026-10-01',
                OTHER,
                'Global',
                'Provisioned',
                RESERVATION,
                'Used',
                'Hours',
                1000,
                null,
                null,
                null,
                null,
                '33.333333333333333333',
                '0',
            ),
            row(
                '2026-10-01',
                RESERVATION,
                'Global',
                'Provisioned',
                RESERVATION,
                'Unused',
                'Hours',
                7,
                null,
                null,
                null,
                null,
                '10.000000000000000001',
                '0',
            ),
            // Data Zone pay-as-you-go: ptu-idle (25 × 24) and the deleted ptu-old for its metered hour (10 × 1).
            row(
                '2026-10-01',
                ACCOUNT,
                'DataZone',
                'Provisioned',
                null,
                null,
                'Hours',
                610,
                null,
                null,
                null,
                null,
                '671.000000000000000007',
                '671.000000000000000007',
            ),
            // Tokens billed on the standard deployment, an odd amount to split 1:1:1 among teams and 7 unallocated.
            row(
                '2026-10-01',
                ACCOUNT,
                'Global',
                'Standard',
                null,
                null,
                'Units',
                0.01,
                'gpt-4o',
                'Input',
                'Uncached',
                10,
                '0.000000000000000010',
                '0.000000000000000010',
            ),
        ]);
        await computeCapacity(
            connection,
            { scope: SCOPE, month: '2026-10', runId: 'run-1', snapshotTime: '2026-10-02T02:00:00Z' },
            { telemetry, deployments: [previous], accountCosts: [{ path: billed, scope: SCOPE }] },
            dir,
        );
        const read = (table: string) => rowsOf(connection, `select * from ${table} order by all`);
        return {
            provisioned: await read('provisioned_rows'),
            allocation: await read('cost_allocation'),
            usage: await read('token_usage'),
            deployments: await read('deployment_days'),
        };
    });
});

/** The largest remainder method, written out: floors, then the units left over to the largest remainders. */
function largestRemainder(amount: bigint, weights: bigint[]): bigint[] {
    const total = weights.reduce((a, b) => a + b, 0n);
    const floors = weights.map((w) => (amount * w) / total);
    const order = weights
        .map((w, i) => ({ i, remainder: (amount * w) % total }))
        .sort((x, y) => (x.remainder === y.remainder ? x.i - y.i : x.remainder > y.remainder ? -1 : 1));
    let left = amount - floors.reduce((a, b) => a + b, 0n);
    for (const { i } of order) if (left-- > 0n) floors[i] = (floors[i] ?? 0n) + 1n;
    return floors;
}

/** Σ of a DECIMAL(38,18) column (printed with its 18 decimals), in units of 10^-18. */
const sum = (rows: Rows, column: string) =>
    rows.reduce((total, row) => total + BigInt(((row[column] as string | null) ?? '0').replace('.', '')), 0n);

describe('computeCapacity', () => {
    it('splits each account and type of PTU cost among its deployments by PTU-hours, to the last 10^-18', () => {
        const global = tables.provisioned.filter((r) => r.x_DeploymentType === 'Global' && r.ResourceId === ACCOUNT);
        expect(global.map((r) => [r.x_DeploymentName, r.x_PtuHours])).toEqual([
            ['ptu-a', '360'],
            ['ptu-b', '480'],
            ['ptu-c', '840'],
        ]);
        // 100.000000000000000001 used + its share of 10.000000000000000001 unused (1680 of 2680 used hours).
        const [unusedShare, otherShare] = largestRemainder(10_000000000000000001n, [1680n, 1000n]);
        expect(sum(global, 'EffectiveCost')).toBe(100_000000000000000001n + (unusedShare ?? 0n));
        expect(sum(global, 'x_UnusedReservationCost')).toBe(unusedShare);
        const [a, b, c] = largestRemainder(100_000000000000000001n + (unusedShare ?? 0n), [360n, 480n, 840n]);
        expect(global.map((r) => BigInt(String(r.EffectiveCost).replace('.', '')))).toEqual([a, b, c]);
        // The other account used the reservation too, but has no telemetry: its cost stays, on no deployment.
        const other = tables.provisioned.filter((r) => r.ResourceId === OTHER);
        expect(other.map((r) => [r.x_DeploymentName, r.x_Flags])).toEqual([[null, 'NoTelemetry']]);
        expect(sum(other, 'EffectiveCost')).toBe(33_333333333333333333n + (otherShare ?? 0n));
    });

    it('charges a deleted deployment for the hours it still served, and flags capacity without billing', () => {
        const dataZone = tables.provisioned.filter((r) => r.x_DeploymentType === 'DataZone');
        expect(dataZone.map((r) => [r.x_DeploymentName, r.x_PtuHours, r.x_Flags])).toEqual([
            ['ptu-idle', '600', null],
            ['ptu-old', '10', 'NotInInventory'],
        ]);
        const regional = tables.provisioned.filter((r) => r.x_DeploymentType === 'Regional');
        expect(regional.map((r) => [r.x_DeploymentName, r.EffectiveCost, r.x_Flags])).toEqual([
            ['ptu-regional', null, 'NoBilling'],
        ]);
        expect(sum(dataZone, 'EffectiveCost')).toBe(671_000000000000000007n);
        expect(tables.deployments.find((r) => r.x_DeploymentName === 'ptu-old')).toMatchObject({
            x_DeploymentSku: 'DataZoneProvisionedManaged',
            x_HoursDeployed: 1,
            x_InventoryFlags: 'NotInInventory',
        });
    });

    it('allocates every account-day exactly: consumers by reported tokens, the rest unallocated, none dropped', () => {
        const byAccount = tables.allocation.filter((r) => r.ResourceId === ACCOUNT);
        const billedHere = 100_000000000000000001n + 671_000000000000000007n + 10n;
        const unusedShare = sum(
            tables.provisioned.filter((r) => r.ResourceId === ACCOUNT),
            'x_UnusedReservationCost',
        );
        expect(sum(byAccount, 'EffectiveCost')).toBe(billedHere + unusedShare);
        const standard = byAccount.filter((r) => r.x_DeploymentName === 'std');
        expect(standard.map((r) => [r.x_Consumer, r.EffectiveCost, r.x_TokenCount])).toEqual([
            ['t1', '0.000000000000000001', '1.000000'],
            ['t2', '0.000000000000000001', '1.000000'],
            ['t3', '0.000000000000000001', '1.000000'],
            ['unallocated', '0.000000000000000007', '7.000000'],
        ]);
        for (const origin of new Set(
            byAccount.map((r) => String(r.x_OriginEffectiveCost) + String(r.x_DeploymentName)),
        )) {
            const parts = byAccount.filter(
                (r) => String(r.x_OriginEffectiveCost) + String(r.x_DeploymentName) === origin,
            );
            const ratios = parts.map(
                (r) =>
                    (JSON.parse(String(r.AllocatedMethodDetails)) as { Elements: { AllocatedRatio: number }[] })
                        .Elements[0]?.AllocatedRatio ?? 0,
            );
            expect(ratios.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        }
        expect(standard.find((r) => r.x_Consumer === 'unallocated')?.AllocatedResourceId).toBe(
            `${ACCOUNT}/deployments/std`,
        );
    });

    it('keeps consumer tokens it cannot place, and scales consumers who report more than was metered', () => {
        expect(
            tables.usage
                .filter((r) => r.x_Flags === 'ConsumerAccountUnknown')
                .map((r) => [r.x_DeploymentName, r.x_Consumer, r.x_TokenCount]),
        ).toEqual([['nowhere', 't1', '42.000000']]);
        const ptuA = tables.usage.filter((r) => r.x_DeploymentName === 'ptu-a');
        // 700 + 700 reported against 900 metered: the 900 split 1:1, no unallocated left.
        expect(ptuA.map((r) => [r.x_Consumer, r.x_TokenCount, r.x_Flags])).toEqual([
            ['t1', '450.000000', 'ConsumerTokensExceedMetered'],
            ['t2', '450.000000', 'ConsumerTokensExceedMetered'],
        ]);
    });
});
