import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { defaultTagAliases } from '../../../src/focus/datasets/costs/tagAliases';
import type { HubDataset } from '../../../src/focus/datasets/hubDataset';
import { datasetFor } from '../../../src/focus/datasets/registry';
import type { ExportOptions } from '../../../src/sample/exportOptions';
import { EXPORT_TYPES, SAMPLE_EXPORTS } from '../../../src/sample/sampleExports';
import { writeGeneratedExport } from '../../helpers/generatedExport';
import { rowsOf, withConnection } from '../../helpers/withConnection';

type Case = Pick<ExportOptions, 'type' | 'dataVersion' | 'channel' | 'format' | 'rows'>;

const CSV = { fileFormat: 'Csv', compressionMode: 'None' } as const;
const ROWS = { PriceSheet: 96, ReservationDetails: 10, ReservationRecommendations: 6, ReservationTransactions: 6 };

/** Every non-cost export type, version and channel the hub reads, as CSV; price sheets also as Parquet. */
const CASES: Case[] = EXPORT_TYPES.filter((type) => type !== 'FocusCost').flatMap((type) =>
    SAMPLE_EXPORTS[type].versions.flatMap((dataVersion) =>
        (['EA', 'MCA'] as const).flatMap((channel) => {
            const columns = SAMPLE_EXPORTS[type].columns(dataVersion, channel);
            const ea = SAMPLE_EXPORTS[type].columns(dataVersion, 'EA');
            if (!columns || (channel === 'MCA' && JSON.stringify(columns) === JSON.stringify(ea))) return [];
            const base = { type, dataVersion, channel, format: CSV, rows: ROWS[type] } as const;
            return type === 'PriceSheet'
                ? [base, { ...base, format: { fileFormat: 'Parquet', compressionMode: 'Snappy' } as const }]
                : [base];
        }),
    ),
);

const COLUMNS: Record<string, string[]> = {
    Prices: [
        'BillingAccountId',
        'BillingAccountName',
        'BillingCurrency',
        'ChargeCategory',
        'CommitmentDiscountCategory',
        'CommitmentDiscountType',
        'CommitmentDiscountUnit',
        'ContractedUnitPrice',
        'ListUnitPrice',
        'PricingCategory',
        'PricingCurrency',
        'PricingUnit',
        'SkuId',
        'SkuMeter',
        'SkuPriceId',
        'x_BaseUnitPrice',
        'x_BillingAccountAgreement',
        'x_BillingAccountId',
        'x_BillingProfileId',
        'x_BillingProfileName',
        'x_ContractedUnitPriceDiscount',
        'x_ContractedUnitPriceDiscountPercent',
        'x_EffectivePeriodEnd',
        'x_EffectivePeriodStart',
        'x_EffectiveUnitPrice',
        'x_PricingBlockSize',
        'x_PricingSubcategory',
        'x_PricingUnitDescription',
        'x_SkuDescription',
        'x_SkuId',
        'x_SkuIncludedQuantity',
        'x_SkuMeterCategory',
        'x_SkuMeterId',
        'x_SkuMeterSubcategory',
        'x_SkuMeterType',
        'x_SkuOfferId',
        'x_SkuPartNumber',
        'x_SkuPriceType',
        'x_SkuProductId',
        'x_SkuRegion',
        'x_SkuServiceFamily',
        'x_SkuTerm',
        'x_SkuTier',
        'x_SourceName',
        'x_SourceProvider',
        'x_SourceType',
        'x_SourceVersion',
    ],
    CommitmentDiscountUsage: [
        'ChargePeriodEnd',
        'ChargePeriodStart',
        'CommitmentDiscountCategory',
        'CommitmentDiscountId',
        'CommitmentDiscountQuantity',
        'CommitmentDiscountType',
        'CommitmentDiscountUnit',
        'ConsumedQuantity',
        'ConsumedUnit',
        'ProviderName',
        'ResourceId',
        'ResourceName',
        'ServiceCategory',
        'ServiceName',
        'ServiceSubcategory',
        'SubAccountId',
        'x_CommitmentDiscountCommittedAmount',
        'x_CommitmentDiscountCommittedCount',
        'x_CommitmentDiscountNormalizedGroup',
        'x_CommitmentDiscountNormalizedRatio',
        'x_ResourceGroupName',
        'x_ResourceType',
        'x_SkuOrderId',
        'x_SkuSize',
        'x_SourceName',
        'x_SourceProvider',
        'x_SourceType',
        'x_SourceVersion',
    ],
    Recommendations: [
        'BillingCurrency',
        'CommitmentDiscountCategory',
        'CommitmentDiscountType',
        'ProviderName',
        'RegionId',
        'RegionName',
        'x_CommitmentDiscountNormalizedGroup',
        'x_CommitmentDiscountNormalizedRatio',
        'x_CommitmentDiscountNormalizedSize',
        'x_CommitmentDiscountResourceType',
        'x_CommitmentDiscountScope',
        'x_EffectiveCostAfter',
        'x_EffectiveCostBefore',
        'x_EffectiveCostSavings',
        'x_LookbackPeriodDuration',
        'x_LookbackPeriodStart',
        'x_RecommendationDate',
        'x_RecommendedQuantity',
        'x_RecommendedQuantityNormalized',
        'x_SkuDetails',
        'x_SkuMeterId',
        'x_SkuSize',
        'x_SkuTerm',
        'x_SourceName',
        'x_SourceProvider',
        'x_SourceType',
        'x_SourceVersion',
    ],
    Transactions: [
        'BilledCost',
        'BillingAccountId',
        'BillingAccountName',
        'BillingCurrency',
        'BillingPeriodEnd',
        'BillingPeriodStart',
        'ChargeCategory',
        'ChargeClass',
        'ChargeDescription',
        'ChargeFrequency',
        'ChargePeriodEnd',
        'ChargePeriodStart',
        'InvoiceId',
        'PricingQuantity',
        'PricingUnit',
        'ProviderName',
        'RegionId',
        'RegionName',
        'SubAccountId',
        'SubAccountName',
        'x_AccountName',
        'x_AccountOwnerId',
        'x_BillingAccountAgreement',
        'x_BillingProfileId',
        'x_BillingProfileName',
        'x_CostCenter',
        'x_InvoiceNumber',
        'x_InvoiceSectionId',
        'x_InvoiceSectionName',
        'x_MonetaryCommitment',
        'x_Overage',
        'x_PurchasingBillingAccountId',
        'x_SkuOrderId',
        'x_SkuOrderName',
        'x_SkuSize',
        'x_SkuTerm',
        'x_SourceName',
        'x_SourceProvider',
        'x_SourceType',
        'x_SourceVersion',
        'x_SubscriptionId',
        'x_TransactionType',
    ],
};

const context = { tagAliases: defaultTagAliases(), storageReport: false, lookups: {} };

async function convert(
    connection: DuckDBConnection,
    dataset: HubDataset,
    path: string,
    dataVersion: string,
    scope?: string,
) {
    const format = path.endsWith('.parquet') ? 'parquet' : 'csv';
    const out = `${path}.out.parquet`;
    const input = { path, format, dataVersion, name: 'part', ...(scope ? { scope } : {}) } as const;
    const totals = await dataset.transformPart(connection, input, out, context);
    return { out, totals };
}

/** A copy at `target` of the CSV part `path` with `values` (column → text) in every row. */
async function withValues(
    connection: DuckDBConnection,
    path: string,
    values: Record<string, string>,
    target: string,
): Promise<string> {
    const replaced = Object.entries(values).map(([c, v]) => `${quotedString(v)} as ${quotedIdentifier(c)}`);
    await connection.run(
        `copy (select * replace (${replaced.join(', ')})
               from read_csv(${quotedString(path)}, header = true, all_varchar = true))
         to ${quotedString(target)} (header)`,
    );
    return target;
}

describe('price sheet and reservation datasets', () => {
    it.each(CASES.map((c) => [`${c.type} ${c.dataVersion} ${c.channel} ${c.format.fileFormat}`, c] as const))(
        '%s: every row, the reconciled totals, the documented columns and the FOCUS column checks',
        async (_, testCase) => {
            await withConnection(async (connection, dir) => {
                const written = await writeGeneratedExport(connection, dir, testCase);
                const dataset = datasetFor({ type: testCase.type ?? '', dataVersion: testCase.dataVersion }, 'm');
                const [part] = written.blobs;
                const scope = written.options.scope.toLowerCase().slice(1);
                const { out, totals } = await convert(
                    connection,
                    dataset,
                    part?.path ?? '',
                    testCase.dataVersion,
                    scope,
                );
                expect(totals).toMatchObject(written.totals);
                expect(totals.input).toEqual(totals.byCurrency);
                const schema = await rowsOf(connection, `describe select * from read_parquet(${quotedString(out)})`);
                expect(schema.map((c) => c.column_name)).toEqual(COLUMNS[dataset.name]);
                const validation = await dataset.validatePart?.(connection, out, 'full', 1);
                expect(validation).toMatchObject({ rowsChecked: written.totals.rows, failed: [] });
                expect(validation?.passed).toBeGreaterThan(10);
                if (dataset.name === 'Prices' || dataset.name === 'Transactions') {
                    const [agreement] = await rowsOf(
                        connection,
                        `select distinct x_BillingAccountAgreement as a, BillingAccountId as id from read_parquet(${quotedString(out)})`,
                    );
                    expect(agreement).toEqual({
                        a: testCase.channel,
                        id:
                            testCase.channel === 'EA'
                                ? '/providers/Microsoft.Billing/billingAccounts/81234567'
                                : '/providers/Microsoft.Billing/billingAccounts/1234abcd:5678_2019-05-31/billingProfiles/AB12-CD34',
                    });
                }
            });
        },
    );

    it('derives the FOCUS values of each dataset as documented', async () => {
        await withConnection(async (connection, dir) => {
            const read = async (options: Case, sql: string) => {
                const written = await writeGeneratedExport(
                    connection,
                    join(dir, `${options.type}${options.channel}`),
                    options,
                );
                const dataset = datasetFor({ type: options.type ?? '', dataVersion: options.dataVersion }, 'm');
                const scope = written.options.scope.toLowerCase().slice(1);
                const { out } = await convert(
                    connection,
                    dataset,
                    written.blobs[0]?.path ?? '',
                    options.dataVersion,
                    scope,
                );
                await connection.run(
                    `create or replace temp view converted as select * from read_parquet(${quotedString(out)})`,
                );
                return rowsOf(connection, sql);
            };
            const ea = { format: CSV, channel: 'EA' } as const;
            expect(
                await read(
                    { ...ea, type: 'PriceSheet', dataVersion: '2023-05-01', rows: 96 },
                    `select x_SkuPriceType as type, ChargeCategory as category, CommitmentDiscountType as commitment,
                            CommitmentDiscountUnit as unit, x_SkuTerm as term, x_SkuOfferId as offer,
                            ContractedUnitPrice is null as no_contracted, x_EffectiveUnitPrice is null as no_effective,
                            count(*)::int as n
                     from converted group by all order by all`,
                ),
            ).toEqual([
                row('Consumption', 'Usage', null, null, null, 'MS-AZR-0017P', false, true, 46),
                row('Consumption', 'Usage', null, null, null, 'MS-AZR-0148P', false, true, 48),
                row('ReservedInstance', 'Purchase', 'Reservation', null, 12, 'MS-AZR-0017P', false, true, 1),
                row('SavingsPlan', 'Usage', 'Savings Plan', 'USD', 36, 'MS-AZR-0017P', true, false, 1),
            ]);
            expect(
                await read(
                    { ...ea, type: 'ReservationDetails', dataVersion: '2023-03-01', rows: 4 },
                    `select CommitmentDiscountUnit as unit, count(*)::int as n,
                            bool_and(CommitmentDiscountQuantity = ConsumedQuantity * x_CommitmentDiscountNormalizedRatio) as quantity,
                            bool_and(ChargePeriodEnd = ChargePeriodStart + interval 1 day) as day,
                            bool_and(CommitmentDiscountId like '/providers/Microsoft.Capacity/reservationOrders/%/reservations/%') as id,
                            bool_and(SubAccountId = '/subscriptions/' || split_part(ResourceId, '/', 3)) as subscription,
                            min(x_ResourceType) as type
                     from converted group by all order by all`,
                ),
            ).toEqual([
                {
                    unit: 'Hours',
                    n: 2,
                    quantity: true,
                    day: true,
                    id: true,
                    subscription: true,
                    type: 'microsoft.compute/virtualmachines',
                },
                {
                    unit: 'Normalized Hours',
                    n: 2,
                    quantity: true,
                    day: true,
                    id: true,
                    subscription: true,
                    type: 'microsoft.compute/virtualmachines',
                },
            ]);
            for (const channel of ['EA', 'MCA'] as const) {
                expect(
                    await read(
                        {
                            format: CSV,
                            channel,
                            type: 'ReservationRecommendations',
                            dataVersion: '2023-05-01',
                            rows: 2,
                        },
                        `select distinct BillingCurrency as currency, RegionName as region, x_LookbackPeriodDuration as lookback,
                                x_RecommendationDate = x_LookbackPeriodStart + interval 30 day as dated,
                                x_EffectiveCostSavings = x_EffectiveCostBefore - x_EffectiveCostAfter as saved
                         from converted`,
                    ),
                ).toEqual([
                    {
                        currency: channel === 'MCA' ? 'USD' : null,
                        region: 'East US 2',
                        lookback: 'P30D',
                        dated: true,
                        saved: true,
                    },
                ]);
                expect(
                    await read(
                        { format: CSV, channel, type: 'ReservationTransactions', dataVersion: '2023-05-01', rows: 3 },
                        `select x_TransactionType as type, ChargeCategory as category, ChargeClass as class,
                                ChargeFrequency as frequency, strftime(BillingPeriodStart, '%Y-%m-%d') as period,
                                (BilledCost < 0) as negative
                         from converted order by all`,
                    ),
                ).toEqual(
                    [
                        ['Purchase', 'Purchase', null, 'One-Time', false],
                        ['Purchase', 'Purchase', null, 'Recurring', false],
                        ['Refund', 'Purchase', 'Correction', 'One-Time', true],
                    ].map(([type, category, cls, frequency, negative]) => ({
                        type,
                        category,
                        class: cls,
                        frequency,
                        period: channel === 'EA' ? '2026-08-01' : null,
                        negative,
                    })),
                );
            }
        });
    });

    it('reads headers in any case and order, ignores extra columns, and keeps MCA costs with their sign', async () => {
        await withConnection(async (connection, dir) => {
            const written = await writeGeneratedExport(connection, dir, {
                type: 'ReservationRecommendations',
                dataVersion: '2023-05-01',
                channel: 'MCA',
                rows: 6,
            });
            const path = written.blobs[0]?.path ?? '';
            const [header = '', ...lines] = readFileSync(path, 'utf8').split('\r\n');
            const names = header.replace(/^\uFEFF/, '').split(',');
            // Reverse the columns, change the case of every name and add a column the schema does not know.
            const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? '');
            const reordered = [
                ['Extra Column', ...names.map((n) => n.toUpperCase()).reverse()].join(','),
                ...lines
                    .filter((l) => l !== '')
                    .map((l) => ['x', ...cells(l).slice(0, names.length).reverse()].join(',')),
            ];
            const variant = join(dir, 'variant.csv');
            writeFileSync(variant, `\uFEFF${reordered.join('\r\n')}\r\n`);
            const dataset = datasetFor({ type: 'ReservationRecommendations', dataVersion: '2023-05-01' }, 'm');
            const original = await convert(connection, dataset, path, '2023-05-01');
            const changed = await convert(connection, dataset, variant, '2023-05-01');
            const read = (file: string) =>
                rowsOf(connection, `select * from read_parquet(${quotedString(file)}) order by all`);
            expect(await read(changed.out)).toEqual(await read(original.out));
            expect(changed.totals).toMatchObject(written.totals);
            const negative = await rowsOf(
                connection,
                `select count(*)::int as n from read_parquet(${quotedString(changed.out)}) where x_EffectiveCostSavings < 0`,
            );
            expect(negative).toEqual([{ n: 1 }]);
        });
    });

    it('publishes the contracted price discount to 12 decimals, without the digits a DOUBLE leaves past them', async () => {
        await withConnection(async (connection, dir) => {
            const written = await writeGeneratedExport(connection, dir, {
                type: 'PriceSheet',
                dataVersion: '2023-05-01',
                channel: 'EA',
                rows: 4,
            });
            // (8 - 0.999999990888) / 8 = 0.875000001139 exactly; in DOUBLE, 0.875000001139000064.
            const prices = { UnitPrice: '0.999999990888', MarketPrice: '8' };
            const variant = await withValues(
                connection,
                written.blobs[0]?.path ?? '',
                prices,
                join(dir, 'variant.csv'),
            );
            const dataset = datasetFor({ type: 'PriceSheet', dataVersion: '2023-05-01' }, 'm');
            const { out } = await convert(connection, dataset, variant, '2023-05-01');
            const ratios = await rowsOf(
                connection,
                `select distinct x_ContractedUnitPriceDiscountPercent::varchar as ratio
                 from read_parquet(${quotedString(out)}) where x_ContractedUnitPriceDiscountPercent is not null`,
            );
            expect(ratios).toEqual([{ ratio: '0.875000001139000000' }]);
        });
    });

    it('reads a recommendation JSON amount by its value key in any case, and refuses one without a value', async () => {
        await withConnection(async (connection, dir) => {
            const written = await writeGeneratedExport(connection, dir, {
                type: 'ReservationRecommendations',
                dataVersion: '2023-05-01',
                channel: 'MCA',
                rows: 2,
            });
            const dataset = datasetFor({ type: 'ReservationRecommendations', dataVersion: '2023-05-01' }, 'm');
            const variant = async (savings: string, lookback: string) => {
                const values = { 'Net Savings': savings, LookBackPeriod: lookback };
                const target = join(dir, `variant-${savings.length}-${lookback}.csv`);
                const path = await withValues(connection, written.blobs[0]?.path ?? '', values, target);
                return convert(connection, dataset, path, '2023-05-01');
            };
            // EUR: the cost's JSON names USD, so only the savings' own key can give EUR.
            const { out } = await variant('{"Value": 7.25, "Currency": "EUR"}', 'Last1Month');
            expect(
                await rowsOf(
                    connection,
                    `select distinct BillingCurrency as currency, x_EffectiveCostSavings::varchar as savings,
                            x_LookbackPeriodDuration as lookback
                     from read_parquet(${quotedString(out)})`,
                ),
            ).toEqual([{ currency: 'EUR', savings: '7.250000000000000000', lookback: null }]);
            await expect(variant('{"Currency": "USD"}', 'Last7Days')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('Net Savings'),
            });
        });
    });

    it('refuses parts that do not match their schema, naming what is wrong', async () => {
        await withConnection(async (connection, dir) => {
            const prices = datasetFor({ type: 'PriceSheet', dataVersion: '2024-08-01' }, 'm');
            const ea = await writeGeneratedExport(connection, dir, { type: 'PriceSheet', dataVersion: '2023-05-01' });
            const eaPath = ea.blobs[0]?.path ?? '';
            await expect(convert(connection, prices, eaPath, '2024-08-01')).rejects.toMatchObject({
                code: 'SchemaMismatch',
                message: expect.stringContaining('dataVersion 2024-08-01 exists for MCA only'),
            });
            const text = readFileSync(eaPath, 'utf8');
            const missing = join(dir, 'missing.csv');
            writeFileSync(missing, text.replace('MeterName,', 'MeterTitle,'));
            await expect(convert(connection, prices, missing, '2023-05-01')).rejects.toMatchObject({
                code: 'SchemaMismatch',
                message: expect.stringContaining('lacks EA PriceSheet 2023-05-01 column(s) MeterName'),
            });
            const twice = join(dir, 'twice.csv');
            writeFileSync(twice, text.replace('MeterName,', 'METERID,'));
            await expect(convert(connection, prices, twice, '2023-05-01')).rejects.toMatchObject({
                code: 'SchemaMismatch',
                message: expect.stringContaining('the same name but for case'),
            });
            const details = datasetFor({ type: 'ReservationDetails', dataVersion: '2023-03-01' }, 'm');
            const usage = await writeGeneratedExport(connection, join(dir, 'd'), {
                type: 'ReservationDetails',
                dataVersion: '2023-03-01',
            });
            const usagePath = usage.blobs[0]?.path ?? '';
            const bad = join(dir, 'bad.csv');
            writeFileSync(bad, readFileSync(usagePath, 'utf8').replace(/,(\d+)\r\n/, ',twelve\r\n'));
            await expect(convert(connection, details, bad, '2023-03-01')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('column UsedHours holds "twelve"'),
            });
            // A two-digit year is refused with the column and value, never read as year 26 or 9.
            const shortYear = join(dir, 'short-year.csv');
            writeFileSync(shortYear, readFileSync(usagePath, 'utf8').replace(/2026-08-0(\d)[T ]00:00:00Z?/, '8/$1/26'));
            await expect(convert(connection, details, shortYear, '2023-03-01')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringMatching(
                    /column UsageDate holds "8\/\d\/26", which is not a date in M\/D\/YYYY or ISO 8601/,
                ),
            });
            // A savings figure that is not a number, in either of the forms EA and MCA write, names its column.
            const recommendations = datasetFor({ type: 'ReservationRecommendations', dataVersion: '2023-05-01' }, 'm');
            for (const channel of ['EA', 'MCA'] as const) {
                const recs = await writeGeneratedExport(connection, join(dir, `r${channel}`), {
                    type: 'ReservationRecommendations',
                    dataVersion: '2023-05-01',
                    channel,
                    rows: 2,
                });
                const recsPath = recs.blobs[0]?.path ?? '';
                const text = readFileSync(recsPath, 'utf8');
                for (const value of ['abc', '12,5']) {
                    const badSavings = join(dir, `savings-${channel}.csv`);
                    const [header = '', first = '', ...rest] = text.split('\r\n');
                    const names = header.replace(/^\uFEFF/, '').split(',');
                    const at = names.findIndex((n) => /^net ?savings$/i.test(n));
                    const cells = [...first.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? '');
                    cells[at] = channel === 'MCA' ? `"{""value"": ""${value}"", ""currency"": ""USD""}"` : `"${value}"`;
                    writeFileSync(badSavings, [header, cells.slice(0, names.length).join(','), ...rest].join('\r\n'));
                    await expect(convert(connection, recommendations, badSavings, '2023-05-01')).rejects.toMatchObject({
                        code: 'ValueInvalid',
                        message: expect.stringMatching(/column Net ?Savings holds ".*", which is not a decimal/),
                    });
                }
            }
            const transactions = datasetFor({ type: 'ReservationTransactions', dataVersion: '2023-05-01' }, 'm');
            const events = await writeGeneratedExport(connection, join(dir, 't'), {
                type: 'ReservationTransactions',
                dataVersion: '2023-05-01',
            });
            const eventsPath = events.blobs[0]?.path ?? '';
            const shortEvent = join(dir, 'short-event.csv');
            writeFileSync(
                shortEvent,
                readFileSync(eventsPath, 'utf8').replace(/2026-08-(\d\d)[T ]00:00:00Z?/, '9/1/26'),
            );
            await expect(convert(connection, transactions, shortEvent, '2023-05-01')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('column EventDate holds "9/1/26"'),
            });
        });
    });
});

function row(...values: unknown[]): Record<string, unknown> {
    const keys = ['type', 'category', 'commitment', 'unit', 'term', 'offer', 'no_contracted', 'no_effective', 'n'];
    return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
}
