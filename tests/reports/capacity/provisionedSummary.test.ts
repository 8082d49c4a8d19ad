import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { transformTelemetry } from '../../../src/focus/datasets/aiTelemetry/transformTelemetry';
import { computeCapacity } from '../../../src/focus/datasets/capacity/computeCapacity';
import { provisionedSummary } from '../../../src/reports/capacity/provisionedSummary';
import { batchBody, deploymentsPage, metric, TEST_ACCOUNT, TEST_SUBSCRIPTION } from '../../helpers/telemetryFolders';
import { rowsOf, withConnection } from '../../helpers/withConnection';

// A provisioned deployment whose subscription moved from a EUR billing account to a USD one mid-month: its PTU cost is
// billed in EUR on the 1st and in USD on the 2nd, and the pay-as-you-go equivalent is priced from the retail snapshot,
// in USD. On real DuckDB, through computeCapacity and the summary `finops-hub provisioned` prints: every amount says
// its currency, nothing in one currency is added to or compared with an amount in another.

const SCOPE = `subscriptions/${TEST_SUBSCRIPTION}`;
const hour = (day: number, h: number) => new Date(Date.UTC(2026, 9, day, h)).toISOString().replace('.000Z', 'Z');

type Rows = Record<string, unknown>[];
let provisioned: Rows;
let summary: Awaited<ReturnType<typeof provisionedSummary>>;

beforeAll(async () => {
    ({ provisioned, summary } = await withConnection(async (connection, dir) => {
        const telemetry: string[] = [];
        const bodies = [
            deploymentsPage([{ name: 'ptu-a', sku: 'GlobalProvisionedManaged', capacity: 15 }]),
            batchBody([
                metric('InputTokens', [
                    {
                        dimensions: { modeldeploymentname: 'ptu-a', modelname: 'gpt-4o' },
                        points: [
                            { timeStamp: hour(1, 4), total: 1000000 },
                            { timeStamp: hour(2, 4), total: 2000000 },
                        ],
                    },
                ]),
            ]),
        ];
        for (const [i, body] of bodies.entries()) {
            const input = join(dir, `body-${i}.json`);
            writeFileSync(input, JSON.stringify(body));
            const out = join(dir, `records-${i}.parquet`);
            const file = { path: input, format: 'json' as const, dataVersion: '1', name: `body-${i}.json` };
            await transformTelemetry(connection, file, out);
            telemetry.push(out);
        }
        const costs = join(dir, 'costs.parquet');
        await connection.run(`copy (
            select day::date as x_ChargeDate, currency as BillingCurrency, '/${SCOPE}' as SubAccountId,
                'AI' as SubAccountName, '${TEST_ACCOUNT.toLowerCase()}' as ResourceId,
                null::varchar as CommitmentDiscountId, null::varchar as CommitmentDiscountStatus, 'Hours' as PricingUnit,
                360::decimal(38, 18) as PricingQuantity, null::varchar as x_ModelId, null::varchar as x_ModelVersion,
                null::varchar as x_TokenDirection, null::varchar as x_CacheAction, 'Global' as x_DeploymentType,
                'Provisioned' as x_ProcessingTier, 'Inference' as x_AIWorkload, null::varchar as x_TagCostCenter,
                null::varchar as x_TagEnvironment, null::varchar as x_TagApplication, null::decimal(38, 6) as x_TokenCount,
                cost::decimal(38, 18) as BilledCost, cost::decimal(38, 18) as EffectiveCost, 'Usage' as ChargeCategory
            from (values ('2026-10-01', 'EUR', '120'), ('2026-10-02', 'USD', '130')) as t(day, currency, cost)
        ) to ${quotedString(costs)} (format parquet)`);
        await computeCapacity(
            connection,
            { scope: SCOPE, month: '2026-10', runId: 'run-1', snapshotTime: '2026-10-03T02:00:00Z' },
            { telemetry, deployments: [], accountCosts: [{ path: costs, scope: SCOPE }] },
            dir,
        );
        await connection.run('create view ai_provisioned as select * from provisioned_rows');
        const files = telemetry.map((path) => quotedString(path)).join(', ');
        await connection.run(
            `create view ai_telemetry as select * from read_parquet([${files}], union_by_name = true)`,
        );
        return {
            provisioned: await rowsOf(
                connection,
                `select x_ChargeDate::varchar as day, BillingCurrency, EffectiveCost::varchar as cost,
                    x_PaygEquivalentCost::varchar as payg, x_PaygCurrency, x_Savings::varchar as savings, x_Flags
                 from provisioned_rows order by all`,
            ),
            summary: await provisionedSummary(connection, '2026-10'),
        };
    }));
});

describe('provisioned economics in more than one currency', () => {
    it('compares the PTU cost with the pay-as-you-go equivalent only where both are in one currency', () => {
        expect(provisioned).toEqual([
            {
                day: '2026-10-01',
                BillingCurrency: 'EUR',
                cost: '120.000000000000000000',
                payg: '2.500000000000000000',
                x_PaygCurrency: 'USD',
                savings: null,
                x_Flags: 'InventoryBackfilled,PaygCurrencyDiffers',
            },
            {
                day: '2026-10-02',
                BillingCurrency: 'USD',
                cost: '130.000000000000000000',
                payg: '5.000000000000000000',
                x_PaygCurrency: 'USD',
                savings: '-125.000000000000000000',
                x_Flags: null,
            },
        ]);
    });

    it('gives every amount of `finops-hub provisioned` its currency and sums each currency apart', () => {
        const picked = summary.map((row) => ({
            deployment: row.deployment,
            currency: row.currency,
            effectiveCost: row.effectiveCost,
            tokens: row.tokens,
            effectiveCostPer1MTokens: row.effectiveCostPer1MTokens,
            paygEquivalentCost: row.paygEquivalentCost,
            paygCurrency: row.paygCurrency,
            savings: row.savings,
            breakEvenUtilization: row.breakEvenUtilization,
        }));
        expect(picked).toEqual([
            {
                deployment: 'ptu-a',
                currency: 'EUR',
                effectiveCost: '120',
                tokens: '1000000',
                effectiveCostPer1MTokens: '120',
                paygEquivalentCost: '2.5',
                paygCurrency: 'USD',
                savings: null,
                breakEvenUtilization: null,
            },
            {
                deployment: 'ptu-a',
                currency: 'USD',
                effectiveCost: '130',
                tokens: '2000000',
                effectiveCostPer1MTokens: '65',
                paygEquivalentCost: '5',
                paygCurrency: 'USD',
                savings: '-125',
                breakEvenUtilization: null,
            },
        ]);
    });
});
