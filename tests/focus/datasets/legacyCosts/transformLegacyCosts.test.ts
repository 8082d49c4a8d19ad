import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type DuckDBConnection, quotedString } from '@duckdb/node-api';

import { costColumnMap } from '../../../../src/focus/datasets/costs/costColumns';
import { defaultTagAliases } from '../../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { keepComposedRows } from '../../../../src/focus/datasets/legacyCosts/keepComposedRows';
import { legacyCostMap } from '../../../../src/focus/datasets/legacyCosts/legacyCostMap';
import {
    type Agreement,
    legacyCostVersions,
    legacyExportColumns,
} from '../../../../src/focus/datasets/legacyCosts/legacyExportColumns';
import { detectAgreement } from '../../../../src/focus/datasets/legacyCosts/legacySelect';
import { transformLegacyCosts } from '../../../../src/focus/datasets/legacyCosts/transformLegacyCosts';
import { decimalSum } from '../../../../src/focus/decimalSum';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { type LegacyRunSpec, writeLegacyRun } from '../../../helpers/legacyExports';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

const AGREEMENTS: Agreement[] = ['EA', 'MCA'];
const SCOPE = '/providers/Microsoft.Billing/billingAccounts/7654321';

/** Writes a generated run into `dir` and converts its one part; returns the output, the rows written, Σ Cost. */
async function convert(connection: DuckDBConnection, dir: string, spec: Omit<LegacyRunSpec, 'scope' | 'month'>) {
    const written = writeLegacyRun(dir, { scope: SCOPE, month: '2026-09', ...spec });
    const manifest = JSON.parse(readFileSync(join(dir, written.manifestName), 'utf8')) as {
        blobs: { blobName: string }[];
    };
    const part = join(dir, manifest.blobs[0]?.blobName ?? '');
    const output = join(dir, `${spec.runId}.parquet`);
    const input = { path: part, format: 'csv' as const, dataVersion: spec.dataVersion, name: 'part_0_0001.csv' };
    const totals = await transformLegacyCosts(connection, spec.type, input, output, {
        tagAliases: defaultTagAliases(),
        storageReport: false,
        lookups: {},
    });
    return { ...written, output, totals };
}

const sumsOf = async (connection: DuckDBConnection, files: string[]) =>
    (
        await rowsOf(
            connection,
            `select count(*)::int as rows, sum(BilledCost)::varchar as billed, sum(EffectiveCost)::varchar as effective
             from read_parquet([${files.map((f) => quotedString(f)).join(', ')}])`,
        )
    )[0];

describe('legacy cost map', () => {
    it('reads every column of every documented schema, and tells EA from MCA by the header', () => {
        const known = new Set(
            [...legacyCostMap().columns.flatMap((c) => c.headers), ...legacyCostMap().ignored].map((h) =>
                h.toLowerCase(),
            ),
        );
        for (const version of legacyCostVersions()) {
            for (const agreement of AGREEMENTS) {
                const columns = legacyExportColumns(version, agreement);
                expect({ version, agreement, unread: columns.filter((c) => !known.has(c.toLowerCase())) }).toEqual({
                    version,
                    agreement,
                    unread: [],
                });
                expect(detectAgreement(columns)).toBe(agreement);
            }
        }
        const real = readFileSync(join(__dirname, '../../../fixtures/ea/EA_ActualCost_Small.csv'), 'utf8');
        expect(
            detectAgreement(
                real
                    .split(/\r?\n/)[0]
                    ?.replace(/^\uFEFF/, '')
                    .split(',') ?? [],
            ),
        ).toBe('EA');
    });
});

describe('transformLegacyCosts', () => {
    it('converts actual and amortized cost of every dataVersion, EA and MCA, reconciling composed months exactly', async () => {
        await withConnection(async (connection, dir) => {
            const styles = ['documented', 'camelCase', 'PascalCase', 'oldEaNames'] as const;
            let n = 0;
            for (const version of legacyCostVersions()) {
                for (const agreement of AGREEMENTS) {
                    const headerStyle =
                        styles[n % styles.length] === 'oldEaNames' && agreement === 'MCA'
                            ? 'camelCase'
                            : styles[n % styles.length];
                    const common = {
                        agreement,
                        dataVersion: version,
                        headerStyle,
                        submittedTime: '2026-10-02T00:00:00Z',
                        ai: n % 3 === 0,
                    };
                    const id = (kind: number) => `${String(++n).padStart(8, '0')}-0000-4000-8000-00000000000${kind}`;
                    const actual = await convert(connection, dir, { ...common, type: 'ActualCost', runId: id(1) });
                    const amortized = await convert(connection, dir, {
                        ...common,
                        type: 'AmortizedCost',
                        runId: id(2),
                    });
                    const commitments = join(dir, `${n}-commitments.parquet`);
                    await keepComposedRows(connection, 'ActualCost', [actual.output], commitments);
                    const what = `${agreement} ${version} (${headerStyle})`;
                    expect([what, actual.totals.rows, decimalSum([actual.totals.sums.BilledCost ?? ''])]).toEqual([
                        what,
                        actual.rows.length,
                        actual.cost,
                    ]);
                    const composed = await sumsOf(connection, [amortized.output, commitments]);
                    expect([
                        what,
                        decimalSum([String(composed?.billed)]),
                        decimalSum([String(composed?.effective)]),
                    ]).toEqual([what, actual.cost, amortized.cost]);
                    const alone = await sumsOf(connection, [amortized.output]);
                    expect([what, decimalSum([String(alone?.effective)])]).toEqual([what, amortized.cost]);
                }
            }
        });
    }, 120_000);

    it('gives legacy rows the FocusCost columns, AI and tag columns, and codes for what it decided', async () => {
        await withConnection(async (connection, dir) => {
            const focus = join(dir, 'focus.csv');
            writeFocusCsv(focus, '1.2', [baseRow]);
            const input = { path: focus, format: 'csv' as const, dataVersion: '1.2', name: 'focus.csv' };
            await transformCosts(connection, input, join(dir, 'focus.parquet'));
            const common = {
                agreement: 'EA' as const,
                dataVersion: '2023-12-01-preview',
                submittedTime: '2026-10-02T00:00:00Z',
                ai: true,
            };
            const actual = await convert(connection, dir, {
                ...common,
                type: 'ActualCost',
                runId: '00000001-0000-4000-8000-000000000001',
            });
            const schema = (file: string) =>
                rowsOf(
                    connection,
                    `select name, type from parquet_schema(${quotedString(file)}) where name <> 'duckdb_schema'`,
                );
            expect(await schema(actual.output)).toEqual(await schema(join(dir, 'focus.parquet')));
            expect((await schema(actual.output)).slice(0, costColumnMap().output.length).map((c) => c.name)).toEqual(
                costColumnMap().output.map((c) => c.name),
            );

            const rows = await rowsOf(
                connection,
                `select x_SkuMeterName as SkuMeter, ChargeCategory, x_AmortizationClass, x_SourceChanges, x_ModelId, x_TokenCount::varchar as tokens,
                    x_TagCostCenter, x_TagApplication, PricingQuantity::varchar as pq, ConsumedQuantity::varchar as cq,
                    BillingAccountType, RegionId, ServiceCategory, ChargePeriodStart::varchar as day, BillingPeriodEnd::varchar as period_end
                 from read_parquet(${quotedString(actual.output)}) order by all`,
            );
            const by = (meter: string) => rows.find((r) => r.SkuMeter === meter);
            expect(by('gpt 4o 0513 Input global Tokens')).toMatchObject({
                x_ModelId: 'gpt-4o',
                tokens: '1500000.000000',
                x_TagCostCenter: '1234',
                x_TagApplication: 'chatbot',
                x_SourceChanges: 'WrappedTags,SkuMeterWithoutSkuId',
                BillingAccountType: 'Billing Account',
                RegionId: 'eastus',
                ServiceCategory: 'AI and Machine Learning',
                day: '2026-09-01 00:00:00+00',
                period_end: '2026-10-01 00:00:00+00',
            });
            expect(by('Standard Transactions')).toMatchObject({
                pq: '0.004700000000000000',
                cq: '47.000000000000000000',
                x_SourceChanges: 'SkuMeterWithoutSkuId,LegacyQuantityInUnits',
            });
            expect(by('Dev Box Hours')).toMatchObject({
                pq: '3.000000000000000000',
                x_SourceChanges: 'ContractedCostLessThanEffectiveCost,SkuMeterWithoutSkuId,LegacyQuantityScaleUnknown',
            });
            expect(by('D2 v2/DS2 v2')).toMatchObject({
                x_AmortizationClass: 'Amortized Charge',
                x_SourceChanges:
                    'WrappedTags,SkuMeterWithoutSkuId,SkuPriceDetailsWithoutSkuPriceId,CommitmentNotAmortized',
            });
            const purchases = rows.filter((r) => r.x_AmortizationClass === 'Principal');
            expect(purchases.map((r) => [r.ChargeCategory, ...String(r.x_SourceChanges).split(',').slice(-2)])).toEqual(
                Array(3).fill(['Purchase', 'CommitmentNotAmortized', 'ZeroedEffectiveCostOfCommitmentPurchase']),
            );

            const kept = join(dir, 'kept.parquet');
            const once = await keepComposedRows(connection, 'ActualCost', [actual.output], kept);
            expect(once.kept.rows).toBe(3);
            expect(once.leftOut).toEqual([
                expect.objectContaining({ code: 'LeftOutBesideAmortizedCost', rows: actual.rows.length - 3 }),
            ]);
            const again = join(dir, 'kept-again.parquet');
            expect((await keepComposedRows(connection, 'ActualCost', [kept], again)).kept).toEqual(once.kept);
            const codes = await rowsOf(
                connection,
                `select count(*)::int as n from read_parquet(${quotedString(kept)})
                 where contains(x_SourceChanges, 'CommitmentNotAmortized')`,
            );
            expect(codes).toEqual([{ n: 0 }]);
        });
    });

    it('keeps the cost actual cost bills on usage a commitment covers, and reconciles every part with its input', async () => {
        await withConnection(async (connection, dir) => {
            const part = join(dir, 'actual.csv');
            const reservation = '/providers/Microsoft.Capacity/reservationOrders/o1/reservations/r1';
            writeFileSync(
                part,
                'Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,PricingModel,BenefitId\r\n' +
                    `09/02/2026,5,USD,Usage,Reservation,${reservation}\r\n` +
                    '09/02/2026,1.5,USD,Usage,OnDemand,\r\n' +
                    // A charge type padded with spaces is still a purchase.
                    `09/03/2026,44.5,USD," purchase ",Reservation,${reservation}\r\n`,
            );
            const output = join(dir, 'actual.parquet');
            const totals = await transformLegacyCosts(
                connection,
                'ActualCost',
                { path: part, format: 'csv', dataVersion: '2021-10-01', name: 'actual.csv' },
                output,
                { tagAliases: defaultTagAliases(), storageReport: false, lookups: {} },
            );
            // The covered row's cost is billed as actual cost says: Σ BilledCost is the export's Σ cost.
            expect(await sumsOf(connection, [output])).toEqual({
                rows: 3,
                billed: '51.000000000000000000',
                effective: '6.500000000000000000',
            });
            expect(totals).toMatchObject({
                rows: 3,
                sums: { BilledCost: '51', EffectiveCost: '6.5' },
                input: [{ currency: 'USD', rows: 3, sums: { BilledCost: '51', EffectiveCost: '51' } }],
                changes: [
                    {
                        code: 'ZeroedEffectiveCostOfCommitmentPurchase',
                        currency: 'USD',
                        rows: 1,
                        sums: { EffectiveCost: '44.5' },
                    },
                ],
            });
        });
    });

    it('reads Parquet parts, typed or text, as it reads CSV', async () => {
        await withConnection(async (connection, dir) => {
            const spec = {
                agreement: 'MCA' as const,
                dataVersion: '2021-10-01',
                submittedTime: '2026-10-02T00:00:00Z',
                type: 'AmortizedCost' as const,
            };
            const csv = await convert(connection, dir, { ...spec, runId: '00000001-0000-4000-8000-000000000001' });
            const manifest = JSON.parse(readFileSync(join(dir, csv.manifestName), 'utf8')) as {
                blobs: { blobName: string }[];
            };
            const part = join(dir, manifest.blobs[0]?.blobName ?? '');
            const typed = join(dir, 'typed.parquet');
            await connection.run(
                `copy (select * replace (strptime(date, '%Y-%m-%d')::date as date,
                        costInBillingCurrency::decimal(38, 18) as costInBillingCurrency, quantity::double as quantity)
                    from read_csv(${quotedString(part)}, all_varchar = true)) to ${quotedString(typed)} (format parquet)`,
            );
            const output = join(dir, 'from-parquet.parquet');
            const input = { path: typed, format: 'parquet' as const, dataVersion: spec.dataVersion, name: 'p.parquet' };
            const totals = await transformLegacyCosts(connection, spec.type, input, output, {
                tagAliases: defaultTagAliases(),
                storageReport: false,
                lookups: {},
            });
            expect(totals).toEqual(csv.totals);
            const differing = await rowsOf(
                connection,
                `select count(*)::int as n from (
                    (select * exclude (x_IngestionTime) from read_parquet(${quotedString(csv.output)})
                     except all select * exclude (x_IngestionTime) from read_parquet(${quotedString(output)})))`,
            );
            expect(differing).toEqual([{ n: 0 }]);
        });
    });

    it('names what is wrong with a part: a missing cost column, a value that is not a date', async () => {
        await withConnection(async (connection, dir) => {
            const part = join(dir, 'part.csv');
            const run = (text: string) => {
                writeFileSync(part, text);
                return transformLegacyCosts(
                    connection,
                    'AmortizedCost',
                    { path: part, format: 'csv', dataVersion: '2021-10-01', name: 'part.csv' },
                    join(dir, 'out.parquet'),
                    { tagAliases: defaultTagAliases(), storageReport: false, lookups: {} },
                );
            };
            await expect(run('Date,Quantity\r\n09/01/2026,1\r\n')).rejects.toMatchObject({
                code: 'SchemaMismatch',
                message: expect.stringContaining('Cost (CostInBillingCurrency or Cost or PreTaxCost)'),
            });
            await expect(run('date,costInBillingCurrency\r\nlast tuesday,1\r\n')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('column date holds "last tuesday"'),
            });
            // Two-digit years and day-first dates are not formats legacy exports use: refused, never read as year 9.
            await expect(run('date,costInBillingCurrency\r\n9/1/26,1\r\n')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining(
                    'column date holds "9/1/26", which is not a date in M/D/YYYY or ISO 8601',
                ),
            });
            await expect(run('date,costInBillingCurrency\r\n21/09/2026,1\r\n')).rejects.toMatchObject({
                code: 'ValueInvalid',
                message: expect.stringContaining('column date holds "21/09/2026"'),
            });
        });
    });
});
