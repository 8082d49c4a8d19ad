import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { costColumnMap } from '../../../../src/focus/datasets/costs/costColumns';
import { exportColumns } from '../../../../src/focus/datasets/costs/exportColumns';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

/** The columns FinOps hubs add to Costs, last in every row (docs/datasets.md "Columns FinOps hubs add"). */
const HUB_COLUMNS = [
    'x_SkuMeterName',
    'x_SkuDetails',
    'x_InvoiceId',
    'x_PricingCurrency',
    'x_SourceName',
    'x_SourceProvider',
    'x_SourceType',
    'x_SourceVersion',
    'x_IngestionTime',
    'x_BillingAccountAgreement',
    'x_CommitmentDiscountSavings',
    'x_NegotiatedDiscountSavings',
    'x_TotalSavings',
];

const row = (overrides: Record<string, string>) => ({ ...baseRow, ...overrides });

describe('transformCosts', () => {
    it('turns a FocusCost 1.0r2 CSV.gz into typed FOCUS 1.2 Parquet with exact totals', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part_0_0001.csv.gz');
            writeFocusCsv(
                input,
                '1.0r2',
                [
                    row({ BilledCost: '0.0000496065685939103754949709', EffectiveCost: '-12.5' }),
                    row({ ChargeDescription: 'line one\nline two', Tags: '"CostCenter": "1234","env": "prod"' }),
                    row({ Tags: '', x_SkuDetails: '', x_PricingCurrency: '' }),
                ],
                { gzip: true },
            );
            const output = join(dir, 'out.parquet');
            const totals = await transformCosts(
                connection,
                { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' },
                output,
            );

            const sums = { BilledCost: '2.469185386815507488', EffectiveCost: '-10.030864219753086422' };
            // FocusCost costs are never changed: the output equals the input, and no rule moved anything.
            expect(totals).toEqual({
                rows: 3,
                sums,
                byCurrency: [{ currency: 'USD', rows: 3, sums }],
                input: [{ currency: 'USD', rows: 3, sums }],
                changes: [],
            });
            const schema = await rowsOf(
                connection,
                `select name, type from parquet_schema(${quotedString(output)}) where name <> 'duckdb_schema'`,
            );
            expect(schema.map((c) => c.name)).toEqual([
                ...costColumnMap().output.map((c) => c.name),
                'x_SourceChanges',
                'x_ModelDeveloper',
                'x_ModelFamily',
                'x_ModelId',
                'x_ModelVersion',
                'x_TokenDirection',
                'x_CacheAction',
                'x_DeploymentType',
                'x_ProcessingTier',
                'x_AIWorkload',
                'x_TokenCount',
                'x_QuantityScaleDetected',
                'x_BilledCostPerMillionTokens',
                'x_EffectiveCostPerMillionTokens',
                'x_ListCostPerMillionTokens',
                'x_TagCostCenter',
                'x_TagEnvironment',
                'x_TagApplication',
                ...HUB_COLUMNS,
            ]);
            const types = await rowsOf(
                connection,
                `select column_name, column_type from (describe select * from read_parquet(${quotedString(output)}))
                 where column_name in ('BilledCost', 'ChargePeriodStart', 'x_SkuIsCreditEligible')`,
            );
            expect(types).toEqual([
                { column_name: 'BilledCost', column_type: 'DECIMAL(38,18)' },
                { column_name: 'ChargePeriodStart', column_type: 'TIMESTAMP WITH TIME ZONE' },
                { column_name: 'x_SkuIsCreditEligible', column_type: 'BOOLEAN' },
            ]);
            const rows = await rowsOf(
                connection,
                `select ChargeDescription, Tags, SkuPriceDetails, SkuMeter, PricingCurrency, BillingAccountType,
                        SubAccountType, ServiceSubcategory, x_SourceChanges, x_SkuMeterName, x_SkuDetails,
                        x_PricingCurrency, x_SourceName, x_SourceType, x_SourceVersion, x_NegotiatedDiscountSavings,
                        strftime(ChargePeriodStart, '%Y-%m-%dT%H:%M:%SZ') as start
                 from read_parquet(${quotedString(output)}) order by BilledCost, ChargeDescription desc`,
            );
            expect(rows[0]).toMatchObject({
                Tags: '{"env":"prod","CostCenter":"1234"}',
                SkuPriceDetails: '{"x_ServiceType":"Standard_D4s_v5","x_VCPUs":4}',
                SkuMeter: 'D4s v5',
                PricingCurrency: 'USD',
                BillingAccountType: 'Billing Account',
                SubAccountType: 'Subscription',
                ServiceSubcategory: 'Virtual Machines',
                x_SourceChanges: null,
                x_SkuMeterName: 'D4s v5',
                x_SkuDetails: '{"ServiceType":"Standard_D4s_v5","VCPUs":4}',
                x_PricingCurrency: 'USD',
                x_SourceName: 'Cost Management',
                x_SourceType: 'FocusCost',
                x_SourceVersion: '1.0r2',
                x_NegotiatedDiscountSavings: '0.265432109876543211',
                start: '2026-10-05T00:00:00Z',
            });
            expect(rows[1]).toMatchObject({
                ChargeDescription: 'line one\nline two',
                Tags: '{"CostCenter": "1234","env": "prod"}',
                x_SourceChanges: 'WrappedTags',
            });
            expect(rows[2]).toMatchObject({
                Tags: null,
                SkuPriceDetails: null,
                x_SourceChanges: 'MissingPricingCurrency',
            });
        });
    });

    it('reads FOCUS 1.0 minute-precision dates', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            writeFocusCsv(input, '1.0', [row({ ChargePeriodStart: '2024-01-01T00:00Z' })]);
            const output = join(dir, 'out.parquet');
            await transformCosts(connection, { path: input, format: 'csv', dataVersion: '1.0', name: 'p' }, output);
            const [first] = await rowsOf(
                connection,
                `select ChargePeriodStart::varchar as s from ${quotedString(output)}`,
            );
            expect(first?.s).toBe('2024-01-01 00:00:00+00');
        });
    });

    it('names the column and value when text sits in a cost column', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            writeFocusCsv(input, '1.0r2', [row({}), row({ EffectiveCost: 'twelve dollars' })]);
            await expect(
                transformCosts(
                    connection,
                    { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p.csv' },
                    join(dir, 'o.parquet'),
                ),
            ).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('EffectiveCost holds "twelve dollars"'),
            });
        });
    });

    it('names the column when a cost is too large for DECIMAL(38,18)', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            const part = join(dir, 'part.parquet');
            const convert = (format: 'csv' | 'parquet') =>
                transformCosts(
                    connection,
                    { path: format === 'csv' ? input : part, format, dataVersion: '1.0r2', name: `p.${format}` },
                    join(dir, 'o.parquet'),
                );
            writeFocusCsv(input, '1.0r2', [row({ ListCost: '48442828664644240E08' })]);
            await expect(convert('csv')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('ListCost'),
            });
            // A well-formed number too large for the type is out of range, not "not a decimal".
            writeFocusCsv(input, '1.0r2', [row({ BilledCost: '1.5E+21' })]);
            await expect(convert('csv')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining(
                    'column BilledCost holds "1.5E+21", which is out of range for DECIMAL(38, 18)',
                ),
            });
            // The same in a Parquet part whose amounts are DOUBLE, and a NaN there.
            writeFocusCsv(input, '1.0r2', [row({})]);
            for (const [value, why] of [
                ['1e25', 'holds "1e+25", which is out of range for DECIMAL(38, 18)'],
                ['nan', 'holds "nan", which is not a decimal'],
            ] as const) {
                await connection.run(
                    `copy (select * replace (${quotedString(value)}::double as BilledCost)
                           from read_csv(${quotedString(input)}, header = true, all_varchar = true))
                     to ${quotedString(part)} (format parquet)`,
                );
                await expect(convert('parquet')).rejects.toMatchObject({
                    code: 'ValueInvalid',
                    message: expect.stringContaining(`BilledCost ${why}`),
                });
            }
        });
    });

    it('rejects a part that lacks a FOCUS column of its version', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            const columns = exportColumns('1.0r2')
                .map((c) => c.name)
                .filter((c) => c !== 'BilledCost');
            writeFocusCsv(input, '1.0r2', [row({})], { columns });
            await expect(
                transformCosts(
                    connection,
                    { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p.csv' },
                    join(dir, 'o.parquet'),
                ),
            ).rejects.toMatchObject({ code: 'SchemaMismatch', message: expect.stringContaining('BilledCost') });
        });
    });
});
