import { join } from 'node:path';

import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { decimalSum } from '../../../../src/focus/decimalSum';
import { isMandatory, sourceGaps, summarize, validateFocus } from '../../../../src/focus/validation';
import { cspRows, RATE } from '../../../helpers/cspExportRows';
import { exactProduct, exactQuotient } from '../../../helpers/exactDecimal';
import { writeFocusCsv } from '../../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

const d0 = '0.000000000000000000';

/** The rate as the hub reads it: the export's 28 significant digits rounded to DECIMAL(38,18). */
const RATE_18 = '0.928483728374637284';

/** Converts `rows` as one 1.0r2 CSV part; returns the output file's rows by case (x_CostCenter). */
async function convert(connection: DuckDBConnection, dir: string, rows: Record<string, string>[]) {
    const input = join(dir, 'part_0_0001.csv');
    writeFocusCsv(input, '1.0r2', rows);
    const output = join(dir, 'out.parquet');
    const totals = await transformCosts(
        connection,
        { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' },
        output,
    );
    await connection.run(`create or replace view costs as select * from read_parquet(${quotedString(output)})`);
    const all = await rowsOf(connection, 'select * from costs');
    const byCase = Object.fromEntries(all.map((row) => [String(row.x_CostCenter), row]));
    return { input, output, totals, byCase };
}

const changes = (row: Record<string, unknown> | undefined) =>
    ((row?.x_SourceChanges as string | null) ?? '').split(',');

describe('Costs from a real-shaped CSP export (EUR billing, USD pricing, a partner as invoice issuer)', () => {
    it('fails no MUST rule but documented source gaps, and keeps BilledCost and EffectiveCost totals exact', async () => {
        await withConnection(async (connection, dir) => {
            const { input, totals } = await convert(connection, dir, Object.values(cspRows));
            const [expected] = await rowsOf(
                connection,
                `select count(*)::int as rows, sum(hub_decimal(BilledCost))::varchar as billed,
                        sum(hub_decimal(EffectiveCost))::varchar as effective
                 from read_csv(${quotedString(input)}, all_varchar = true)`,
            );
            expect(totals).toMatchObject({
                rows: expected?.rows,
                sums: {
                    BilledCost: decimalSum([String(expected?.billed)]),
                    EffectiveCost: decimalSum([String(expected?.effective)]),
                },
            });
            expect(totals.input).toEqual(totals.byCurrency);

            const failed = summarize(await validateFocus(connection, 'costs')).failed;
            const mandatory = failed.filter((rule) => isMandatory(rule.keyword));
            expect(mandatory.map((rule) => [rule.id, rule.sourceGap !== undefined])).toEqual([
                ['SkuId-C-005-C', true],
                ['SkuPriceId-C-005-C', true],
            ]);
            expect([...sourceGaps().keys()]).toEqual(expect.arrayContaining(['SkuId-C-005-C', 'SkuPriceId-C-005-C']));
        });
    });

    it('derives the PricingCurrency columns: USD values from the export exactly, the rest by the exchange rate', async () => {
        await withConnection(async (connection, dir) => {
            const { byCase } = await convert(connection, dir, Object.values(cspRows));
            const plain = byCase.plain;
            expect(plain).toMatchObject({
                PricingCurrency: 'USD',
                x_BillingExchangeRate: RATE_18,
                PricingCurrencyEffectiveCost: '4.794914834327553000',
                PricingCurrencyListUnitPrice: exactQuotient('0.2342', RATE_18),
                PricingCurrencyContractedUnitPrice: exactQuotient('0.1855', RATE_18),
            });
            expect(RATE.startsWith(RATE_18.slice(0, -1))).toBe(true);
            expect(changes(plain)).toEqual(['ConvertedToPricingCurrency']);
            expect(byCase.noUsdCost?.PricingCurrencyEffectiveCost).toBe(exactQuotient('0.4684', RATE_18));
            expect(byCase.dns?.PricingCurrencyEffectiveCost).toBe('0.000053427791471240');
        });
    });

    it('keeps SkuMeter and SkuPriceDetails null without SkuId and SkuPriceId, with the export values kept', async () => {
        await withConnection(async (connection, dir) => {
            const { byCase } = await convert(connection, dir, Object.values(cspRows));
            expect(byCase.dns).toMatchObject({
                SkuId: null,
                SkuMeter: null,
                x_SkuMeterName: 'Public Queries',
                SkuPriceId: null,
                SkuPriceDetails: null,
                x_SkuDetails: '{"UsageType":"Queries"}',
            });
            expect(changes(byCase.dns)).toEqual(
                expect.arrayContaining(['SkuMeterWithoutSkuId', 'SkuPriceDetailsWithoutSkuPriceId']),
            );
            expect(byCase.plain).toMatchObject({
                SkuMeter: 'D4s v5',
                x_SkuMeterName: 'D4s v5',
                SkuPriceDetails:
                    '{"x_UsageType":"ComputeHR","x_ImageType":"Canonical","x_ServiceType":"Standard_D4s_v5","x_VCPUs":4}',
                x_SkuDetails: cspRows.plain?.x_SkuDetails,
            });
        });
    });

    it('derives CommitmentDiscountQuantity and unit for reservations and savings plans, used, unused and bought', async () => {
        await withConnection(async (connection, dir) => {
            const { byCase } = await convert(connection, dir, Object.values(cspRows));
            const quantity = (name: string) => [
                byCase[name]?.CommitmentDiscountQuantity,
                byCase[name]?.CommitmentDiscountUnit,
            ];
            expect(quantity('reservationUsed')).toEqual(['48.000000000000000000', 'Normalized Hours']);
            expect(quantity('reservationUnused')).toEqual(['3.000000000000000000', 'Hours']);
            expect(quantity('reservationPurchase')).toEqual(['1.000000000000000000', 'Units']);
            expect(quantity('savingsPlanUsed')).toEqual(['1.615537454885062000', 'USD']);
            expect(quantity('savingsPlanPurchase')).toEqual(['107.702479800109793000', 'USD']);
            expect(quantity('plain')).toEqual([null, null]);
            expect(changes(byCase.reservationUsed)).toContain('MissingCommitmentDiscountQuantity');
        });
    });

    it('fills ListCost, ContractedCost and the missing unit prices from unit price x PricingQuantity, and flags them', async () => {
        await withConnection(async (connection, dir) => {
            const { byCase } = await convert(connection, dir, Object.values(cspRows));
            const prices = (name: string) => {
                const row = byCase[name];
                return [row?.ListUnitPrice, row?.ListCost, row?.ContractedUnitPrice, row?.ContractedCost];
            };
            const d = (text: string) => exactProduct(text, '1');
            expect(prices('reservationUsed')).toEqual([
                d('0.2342'),
                exactProduct('0.2342', '24'),
                d('0.2342'),
                exactProduct('0.2342', '24'),
            ]);
            expect(prices('marketplace')).toEqual([
                d('0.0132'),
                exactProduct('0.0132', '24'),
                d('0.0132'),
                d('0.3168'),
            ]);
            expect(prices('reservationPurchase')).toEqual([d('63.875'), d('63.875'), d('63.875'), d('63.875')]);
            expect(changes(byCase.reservationUsed)).toEqual(
                expect.arrayContaining([
                    'MissingContractedUnitPrice',
                    'MissingContractedCost',
                    'MissingListCost',
                    'ContractedCostLessThanEffectiveCost',
                ]),
            );
            expect(changes(byCase.marketplace)).toEqual(
                expect.arrayContaining(['MissingListCost', 'ListCostLessThanContractedCost']),
            );
            expect(changes(byCase.reservationPurchase)).toEqual(
                expect.arrayContaining(['MissingListCost', 'MissingPublisherName']),
            );
            expect(byCase.reservationPurchase?.PublisherName).toBe('Microsoft');
            expect(byCase.plain?.ListCost).toBe(d('5.6208'));
        });
    });

    it('adds the columns FinOps hubs add: source, agreement, savings with the toolkit thresholds', async () => {
        await withConnection(async (connection, dir) => {
            const { byCase } = await convert(connection, dir, Object.values(cspRows));
            expect(byCase.plain).toMatchObject({
                x_InvoiceId: null,
                x_PricingCurrency: 'USD',
                x_SourceName: 'Cost Management',
                x_SourceProvider: 'Microsoft',
                x_SourceType: 'FocusCost',
                x_SourceVersion: '1.0r2',
                x_BillingAccountAgreement: 'MPA',
                x_NegotiatedDiscountSavings: exactProduct('0.0487', '24'),
                x_CommitmentDiscountSavings: d0,
                x_TotalSavings: exactProduct('0.0487', '24'),
            });
            expect(byCase.reservationUsed).toMatchObject({
                x_CommitmentDiscountSavings: '3.520800000000000000',
                x_NegotiatedDiscountSavings: d0,
                x_TotalSavings: '3.520800000000000000',
            });
            for (const name of ['reservationUnused', 'reservationPurchase', 'savingsPlanPurchase', 'dns']) {
                const row = byCase[name];
                expect([
                    name,
                    row?.x_CommitmentDiscountSavings,
                    row?.x_NegotiatedDiscountSavings,
                    row?.x_TotalSavings,
                ]).toEqual([name, d0, d0, d0]);
            }
            const [ingested] = await rowsOf(
                connection,
                'select min(x_IngestionTime) = max(x_IngestionTime) as one from costs',
            );
            expect(ingested).toEqual({ one: true });
        });
    });

    it('checks BilledCost-C-005-C only on marketplace charges the publisher invoices itself', async () => {
        await withConnection(async (connection, dir) => {
            const vendorInvoiced = { ...cspRows.marketplace, x_CostCenter: 'vendor', InvoiceIssuerName: 'Canonical' };
            await convert(connection, dir, [cspRows.marketplace ?? {}, cspRows.plain ?? {}, vendorInvoiced]);
            const rule = summarize(await validateFocus(connection, 'costs', { rules: 'BilledCost-C-005-C' })).failed;
            expect(rule.map(({ id, rows }) => ({ id, rows }))).toEqual([{ id: 'BilledCost-C-005-C', rows: 1 }]);
        });
    });
});
