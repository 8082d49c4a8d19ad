import { join } from 'node:path';

import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { defaultTagAliases } from '../../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { schemaColumns } from '../../../../src/focus/datasets/exportMap';
import { transformLegacyCosts } from '../../../../src/focus/datasets/legacyCosts/transformLegacyCosts';
import { pricesDataset } from '../../../../src/focus/datasets/prices/pricesDataset';
import { writeExportCsv } from '../../../helpers/exportCsv';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

const PRICES_DIR = join(__dirname, '../../../../src/focus/datasets/prices');

/** An EA price sheet row (enrollment 81234567, offer MS-AZR-0017P, August 2026) for meter `m`. */
const eaPrice = (overrides: Record<string, string>) => ({
    EnrollmentNumber: '81234567',
    MeterName: 'D4s v5',
    UnitOfMeasure: '1 Hour',
    EffectiveStartDate: '2026-08-01T00:00:00Z',
    EffectiveEndDate: '2026-08-31T00:00:00Z',
    UnitPrice: '0.19',
    MarketPrice: '0.2',
    BasePrice: '0.2',
    CurrencyCode: 'USD',
    OfferID: 'MS-AZR-0017P',
    PriceType: 'Consumption',
    ...overrides,
});

/** An MCA price sheet row (profile AAAA-BBBB, no offer, prices in USD, billed in EUR). */
const mcaPrice = (overrides: Record<string, string>) => ({
    BillingAccountId: '1234:5678_2019-05-31',
    BillingProfileId: 'AAAA-BBBB',
    MeterName: 'S1',
    UnitOfMeasure: '100 Hours',
    EffectiveStartDate: '2026-08-01T00:00:00Z',
    EffectiveEndDate: '2026-08-31T00:00:00Z',
    UnitPrice: '9',
    MarketPrice: '10',
    Currency: 'USD',
    BillingCurrency: 'EUR',
    PriceType: 'Consumption',
    ...overrides,
});

/**
 * A usage row of August 2026 missing every price (list, contracted, effective) and both costs, with 10 hours of meter
 * `meter`: only a price sheet can fill it (the conformance step fills prices from x_EffectiveUnitPrice otherwise).
 */
const gap = (meter: string, overrides: Record<string, string> = {}) => ({
    ...baseRow,
    ChargePeriodStart: '2026-08-05T00:00:00Z',
    ChargePeriodEnd: '2026-08-06T00:00:00Z',
    ListUnitPrice: '0',
    ContractedUnitPrice: '',
    ListCost: '0',
    ContractedCost: '',
    BilledCost: '1.9',
    EffectiveCost: '1.9',
    x_EffectiveUnitPrice: '',
    x_BilledUnitPrice: '',
    x_BillingProfileId: '81234567',
    x_SkuMeterId: meter,
    x_SkuOfferId: 'MS-AZR-0017P',
    x_PricingUnitDescription: '1 Hour',
    x_PricingBlockSize: '1',
    PricingUnit: 'Hours',
    PricingCurrency: 'USD',
    x_BillingExchangeRate: '1',
    ...overrides,
});

async function publishPrices(
    connection: DuckDBConnection,
    dir: string,
    name: string,
    csvRows: Record<string, string>[],
) {
    const mca = 'BillingProfileId' in (csvRows[0] ?? {});
    const csv = join(dir, `${name}.csv`);
    const columns = schemaColumns(`pricesheet_2023-05-01_${mca ? 'mca' : 'ea'}.json`, PRICES_DIR);
    writeExportCsv(
        csv,
        columns.map((column) => column.name),
        csvRows,
    );
    const parquet = join(dir, `${name}.parquet`);
    await pricesDataset.transformPart(
        connection,
        { path: csv, format: 'csv', dataVersion: '2023-05-01', name },
        parquet,
        { tagAliases: defaultTagAliases(), storageReport: false, lookups: {} },
    );
    return parquet;
}

async function costsWith(
    connection: DuckDBConnection,
    dir: string,
    rows: Record<string, string>[],
    prices: string[],
): Promise<Record<string, unknown>[]> {
    const input = join(dir, 'costs.csv');
    writeFocusCsv(
        input,
        '1.2',
        rows.map((row, i) => ({ ...row, ChargeDescription: `row ${i}` })),
    );
    const output = join(dir, 'costs.parquet');
    await transformCosts(connection, { path: input, format: 'csv', dataVersion: '1.2', name: 'costs' }, output, {
        prices,
    });
    return rowsOf(
        connection,
        `select ChargeDescription as row, ListUnitPrice, ContractedUnitPrice, ListCost, ContractedCost,
                PricingCurrencyListUnitPrice, x_SourceChanges
         from read_parquet(${quotedString(output)}) order by ChargeDescription`,
    );
}

describe('Prices fill Costs', () => {
    it('fills missing or zero prices and costs of usage rows from the EA price sheet, by profile, meter and offer', async () => {
        await withConnection(async (connection, dir) => {
            const prices = await publishPrices(connection, dir, 'ea', [
                eaPrice({ MeterID: 'm1' }),
                eaPrice({ MeterID: 'm1', OfferID: 'MS-AZR-0148P', UnitPrice: '0.1', MarketPrice: '0.15' }),
                eaPrice({ MeterID: 'm1', PriceType: 'ReservedInstance', UnitPrice: '876', MarketPrice: '1000' }),
                eaPrice({ MeterID: 'm2', UnitPrice: '0', MarketPrice: '0' }),
            ]);
            const rows = await costsWith(
                connection,
                dir,
                [
                    gap('M1'),
                    gap('m1', { x_SkuOfferId: 'MS-AZR-0148P' }),
                    gap('m1', { ListUnitPrice: '0.3', ListCost: '3', ContractedUnitPrice: '0' }),
                    gap('m1', { x_BillingProfileId: '99999999' }),
                    gap('m1', { ChargePeriodStart: '2026-09-01T00:00:00Z' }),
                    gap('m1', { BilledCost: '0', EffectiveCost: '0' }),
                    gap('m1', { ChargeCategory: 'Purchase' }),
                    gap('m2'),
                    gap('m3'),
                ],
                [prices],
            );
            const filled = 'PricesFromPriceSheet';
            expect(rows).toEqual(
                [
                    {
                        row: 'row 0',
                        ListUnitPrice: '0.2',
                        ContractedUnitPrice: '0.19',
                        ListCost: '2',
                        ContractedCost: '1.9',
                        PricingCurrencyListUnitPrice: '0.2',
                        x_SourceChanges: filled,
                    },
                    {
                        row: 'row 1',
                        ListUnitPrice: '0.15',
                        ContractedUnitPrice: '0.1',
                        ListCost: '1.5',
                        ContractedCost: '1',
                        PricingCurrencyListUnitPrice: '0.15',
                        // the offer's contracted price (1) is below what was billed (1.9): flagged, costs unchanged
                        x_SourceChanges: `${filled},ContractedCostLessThanEffectiveCost`,
                    },
                    {
                        row: 'row 2',
                        ListUnitPrice: '0.3',
                        ContractedUnitPrice: '0.19',
                        ListCost: '3',
                        ContractedCost: '1.9',
                        PricingCurrencyListUnitPrice: '0.3',
                        x_SourceChanges: filled,
                    },
                    // not filled: the conformance step flags the costs it cannot derive, except on the row without cost
                    ...[3, 4, 5, 6, 7, 8].map((i) => ({
                        row: `row ${i}`,
                        ListUnitPrice: '0',
                        ContractedUnitPrice: null,
                        ListCost: '0',
                        ContractedCost: null,
                        PricingCurrencyListUnitPrice: '0',
                        x_SourceChanges: i === 5 ? null : 'MissingContractedCost,MissingListCost',
                    })),
                ].map(decimals),
            );
        });
    });

    it('converts MCA prices to the billing currency and block size, and leaves tiered or unconvertible ones', async () => {
        await withConnection(async (connection, dir) => {
            const prices = await publishPrices(connection, dir, 'mca', [
                mcaPrice({ MeterId: 'm1' }),
                mcaPrice({ MeterId: 'm2', TierMinimumUnits: '0', UnitPrice: '5', MarketPrice: '5' }),
                mcaPrice({ MeterId: 'm2', TierMinimumUnits: '100', UnitPrice: '4', MarketPrice: '4' }),
                mcaPrice({ MeterId: 'm3', UnitOfMeasure: '1 GB' }),
                mcaPrice({
                    MeterId: 'm4',
                    EffectiveStartDate: '2026-08-10T00:00:00Z',
                    UnitPrice: '8',
                    MarketPrice: '9',
                }),
                mcaPrice({
                    MeterId: 'm4',
                    EffectiveStartDate: '2026-08-01T00:00:00Z',
                    EffectiveEndDate: '2026-08-09T00:00:00Z',
                }),
                // 18 decimals survive the rescaling exactly: no DOUBLE on the way.
                mcaPrice({ MeterId: 'm5', UnitPrice: '1.2345678901234567', MarketPrice: '9.8765432109876543' }),
            ]);
            const mca = { x_BillingProfileId: 'aaaa-bbbb', BillingCurrency: 'EUR', x_BillingExchangeRate: '0.9' };
            const rows = await costsWith(
                connection,
                dir,
                [
                    gap('m1', mca),
                    gap('m2', mca),
                    gap('m3', mca),
                    gap('m1', { ...mca, x_BillingExchangeRate: '' }),
                    gap('m4', { ...mca, ChargePeriodStart: '2026-08-09T00:00:00Z' }),
                    gap('m4', { ...mca, ChargePeriodStart: '2026-08-10T00:00:00Z' }),
                    gap('m5', { ...mca, x_BillingExchangeRate: '1' }),
                ],
                [prices],
            );
            // 10 USD per 100 hours = 0.1 USD per hour = 0.09 EUR per hour; 10 hours.
            expect(
                rows.map(({ row, ListUnitPrice, ContractedUnitPrice, ListCost, PricingCurrencyListUnitPrice }) => ({
                    row,
                    ListUnitPrice,
                    ContractedUnitPrice,
                    ListCost,
                    PricingCurrencyListUnitPrice,
                })),
            ).toEqual(
                [
                    {
                        row: 'row 0',
                        ListUnitPrice: '0.09',
                        ContractedUnitPrice: '0.081',
                        ListCost: '0.9',
                        PricingCurrencyListUnitPrice: '0.1',
                    },
                    {
                        row: 'row 1',
                        ListUnitPrice: '0',
                        ContractedUnitPrice: null,
                        ListCost: '0',
                        PricingCurrencyListUnitPrice: '0',
                    },
                    {
                        row: 'row 2',
                        ListUnitPrice: '0',
                        ContractedUnitPrice: null,
                        ListCost: '0',
                        PricingCurrencyListUnitPrice: '0',
                    },
                    {
                        row: 'row 3',
                        ListUnitPrice: '0',
                        ContractedUnitPrice: null,
                        ListCost: '0',
                        PricingCurrencyListUnitPrice: '0',
                    },
                    {
                        row: 'row 4',
                        ListUnitPrice: '0.09',
                        ContractedUnitPrice: '0.081',
                        ListCost: '0.9',
                        PricingCurrencyListUnitPrice: '0.1',
                    },
                    {
                        row: 'row 5',
                        ListUnitPrice: '0.081',
                        ContractedUnitPrice: '0.072',
                        ListCost: '0.81',
                        PricingCurrencyListUnitPrice: '0.09',
                    },
                    {
                        row: 'row 6',
                        ListUnitPrice: '0.098765432109876543',
                        ContractedUnitPrice: '0.012345678901234567',
                        ListCost: '0.98765432109876543',
                        PricingCurrencyListUnitPrice: '0.098765432109876543',
                    },
                ].map(decimals),
            );
        });
    });

    it('reads a legacy quantity in units when the price a sheet fills shows it, as when the export has the price', async () => {
        await withConnection(async (connection, dir) => {
            const prices = await publishPrices(connection, dir, 'ea-sheet', [
                eaPrice({ MeterID: 'meter-10k', UnitOfMeasure: '10K', UnitPrice: '0.02', MarketPrice: '0.02' }),
            ]);
            // 47 raw operations of a 10K meter at 0.02 per 10K: the export's cost, but no price to prove it.
            const part = join(dir, 'legacy.csv');
            writeExportCsv(
                part,
                [
                    'Date',
                    'CostInBillingCurrency',
                    'BillingCurrencyCode',
                    'ChargeType',
                    'PricingModel',
                    'Quantity',
                    'UnitOfMeasure',
                    'MeterId',
                    'MeterName',
                    'BillingAccountId',
                    'BillingProfileId',
                    'OfferId',
                    'UnitPrice',
                    'EffectivePrice',
                    'PayGPrice',
                ],
                [
                    {
                        Date: '08/05/2026',
                        CostInBillingCurrency: '0.000094',
                        BillingCurrencyCode: 'USD',
                        ChargeType: 'Usage',
                        PricingModel: 'OnDemand',
                        Quantity: '47',
                        UnitOfMeasure: '10K',
                        MeterId: 'meter-10k',
                        MeterName: 'Standard Transactions',
                        BillingAccountId: '81234567',
                        BillingProfileId: '81234567',
                        OfferId: 'MS-AZR-0017P',
                    },
                ],
            );
            const output = join(dir, 'legacy.parquet');
            await transformLegacyCosts(
                connection,
                'ActualCost',
                { path: part, format: 'csv', dataVersion: '2021-10-01', name: 'legacy.csv' },
                output,
                { tagAliases: defaultTagAliases(), storageReport: false, lookups: { Prices: [prices] } },
            );
            const [row] = await rowsOf(
                connection,
                `select PricingQuantity::varchar as pq, ConsumedQuantity::varchar as cq, ContractedUnitPrice::varchar as price,
                    x_SourceChanges from read_parquet(${quotedString(output)})`,
            );
            expect(row).toEqual({
                pq: '0.004700000000000000',
                cq: '47.000000000000000000',
                price: '0.020000000000000000',
                x_SourceChanges: expect.stringMatching(/PricesFromPriceSheet.*LegacyQuantityInUnits/),
            });
        });
    });

    it('changes nothing without a price sheet', async () => {
        await withConnection(async (connection, dir) => {
            const rows = await costsWith(connection, dir, [gap('m1')], []);
            expect(rows).toEqual([
                decimals({
                    row: 'row 0',
                    ListUnitPrice: '0',
                    ContractedUnitPrice: null,
                    ListCost: '0',
                    ContractedCost: null,
                    PricingCurrencyListUnitPrice: '0',
                    x_SourceChanges: 'MissingContractedCost,MissingListCost',
                }),
            ]);
        });
    });
});

/** Decimal columns as DuckDB prints DECIMAL(38,18). */
function decimals(row: Record<string, string | null>): Record<string, string | null> {
    return Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
            key,
            value !== null && /^-?\d+(\.\d+)?$/.test(value) ? decimal18(value) : value,
        ]),
    );
}

function decimal18(value: string): string {
    const [whole, fraction = ''] = value.split('.');
    return `${whole}.${fraction.padEnd(18, '0')}`;
}
