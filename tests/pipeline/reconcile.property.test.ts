import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedIdentifier, quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { FOCUS_COST_VERSIONS } from '../../src/focus/datasets/costs/exportColumns';
import { legacyCostMap } from '../../src/focus/datasets/legacyCosts/legacyCostMap';
import { legacyCostVersions, legacyExportColumns } from '../../src/focus/datasets/legacyCosts/legacyExportColumns';
import { decimalDifference, decimalSum } from '../../src/focus/decimalSum';
import type { CurrencyTotals, Totals } from '../../src/focus/totals';
import { processExports } from '../../src/pipeline/processExports';
import { legacyMonth, type LegacyRow } from '../../src/sample/legacy/legacyCharges';
import { writeLegacyExport } from '../../src/sample/legacy/writeLegacyExport';
import { writeExport } from '../helpers/exportTree';
import { writeGeneratedExport } from '../helpers/generatedExport';
import { type Random, rewriteCsv, seededRandom } from '../helpers/randomValues';
import { rowsOf, withConnection } from '../helpers/withConnection';

// The invariant reconciliation enforces, on generated exports of every dataset and dataVersion (random but valid
// values: awkward decimals, every charge type and pricing model, several currencies, corrections of earlier months):
// every published folder's totals, read from its Parquet, equal its exports' totals adjusted only by the documented
// rules, computed here independently; and its manifest's input less its changes is its output. Fixed seed, bounded
// size: a failure names the seed, and the same seed fails again.

const SEED = 20261206;
const MONTH = '2026-08';
const CURRENCIES = ['USD', 'EUR', 'JPY'];

/** Expected rows and sums per currency (`null`: the dataset's figures have none) of one published folder. */
type Expected = Map<string | null, { rows: number; sums: Record<string, string[]> }>;

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-property-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportsDir = () => join(dir, 'msexports');
let accounts = 0;
const account = () => String(90000000 + ++accounts);
const runId = () => `${String(accounts).padStart(8, '0')}-${String(++runs).padStart(4, '0')}-4000-8000-000000000000`;
let runs = 0;

function add(expected: Expected, currency: string | null, sums: Record<string, string>): void {
    const entry = expected.get(currency) ?? { rows: 0, sums: {} };
    entry.rows += 1;
    for (const [column, value] of Object.entries(sums)) (entry.sums[column] ??= []).push(value);
    expected.set(currency, entry);
}

/** A FocusCost run of `version`: costs as exported, any charge, class and currency. */
function focusCostRun(random: Random, version: string, folders: Map<string, Expected>): void {
    const scope = `/providers/Microsoft.Billing/billingAccounts/${account()}`;
    const expected: Expected = new Map();
    const rows = Array.from({ length: 6 + random.int(6) }, () => {
        const billed = random.decimal();
        const effective = random.decimal();
        const currency = random.pick(CURRENCIES);
        const correction = random.int(5) === 0;
        const day =
            correction && random.int(2) === 0
                ? '2026-07-15'
                : `${MONTH}-${String(1 + random.int(28)).padStart(2, '0')}`;
        add(expected, currency, { BilledCost: billed.value, EffectiveCost: effective.value });
        return {
            BilledCost: billed.text,
            EffectiveCost: effective.text,
            BillingCurrency: currency,
            ChargeCategory: random.pick(['Usage', 'Purchase', 'Credit', 'Tax', 'Adjustment']),
            ChargeClass: correction ? 'Correction' : '',
            PricingCategory: random.pick(['Standard', 'Committed', 'Dynamic', 'Other']),
            ChargePeriodStart: `${day}T00:00:00Z`,
        };
    });
    writeExport(exportsDir(), {
        runId: runId(),
        submittedTime: '2026-09-01T01:00:00Z',
        month: MONTH,
        scope,
        dataVersion: version,
        parts: [rows],
    });
    folders.set(`Costs/2026/08/${scope.slice(1).toLowerCase()}`, expected);
}

/** Legacy charge types with the pricing models they come with; commitments only where the schema can say so. */
const LEGACY_CHARGES = [
    ['Usage', 'OnDemand'],
    ['Usage', 'Spot'],
    ['Usage', 'Reservation'],
    ['Usage', 'SavingsPlan'],
    ['Purchase', 'Reservation'],
    ['Purchase', 'SavingsPlan'],
    ['Purchase', 'OnDemand'],
    ['Refund', 'Reservation'],
    ['Credit', 'OnDemand'],
    ['Tax', 'OnDemand'],
    ['UnusedReservation', 'Reservation'],
    ['UnusedSavingsPlan', 'SavingsPlan'],
    ['RoundingAdjustment', 'OnDemand'],
] as const;

const BENEFITS = {
    Reservation: '/providers/Microsoft.Capacity/reservationOrders/9f0e6d3c/reservations/1a2b3c4d',
    SavingsPlan: '/providers/Microsoft.BillingBenefits/savingsPlanOrders/2b3c4d5e/savingsPlans/3c4d5e6f',
} as const;

/**
 * A legacy run of `version` alone in its folder, or (with `partner`) beside a run of the other type in the same scope
 * and month, submitted before or after it: the hub composes the two into one folder.
 */
function legacyRuns(
    random: Random,
    version: string,
    agreement: 'EA' | 'MCA',
    types: readonly ('ActualCost' | 'AmortizedCost')[],
    folders: Map<string, Expected>,
): void {
    const columns = new Set(legacyExportColumns(version, agreement).map((c) => c.toLowerCase()));
    const typed = columns.has('chargetype') && columns.has('pricingmodel');
    const currencies = legacyCostMap().columns.find((c) => c.name === 'BillingCurrency')?.headers ?? [];
    const hasCurrency = currencies.some((header) => columns.has(header.toLowerCase()));
    const billingAccountId = account();
    const template = legacyMonth({
        month: MONTH,
        agreement,
        days: 1,
        billingAccountId,
        subscriptionId: '6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
    }).actual[0] as LegacyRow;
    const scope = `/providers/Microsoft.Billing/billingAccounts/${billingAccountId}`;
    const date = (day: string) => (agreement === 'EA' ? `${day.slice(5, 7)}/${day.slice(8)}/${day.slice(0, 4)}` : day);
    const generate = (): LegacyRow[] =>
        Array.from({ length: 6 + random.int(5) }, () => {
            const [chargeType, pricingModel] = typed ? random.pick(LEGACY_CHARGES) : (['Usage', 'OnDemand'] as const);
            const cost = random.decimal();
            const commitment =
                pricingModel === 'Reservation' || pricingModel === 'SavingsPlan' ? BENEFITS[pricingModel] : '';
            const day =
                chargeType === 'Refund' && random.int(2) === 0
                    ? '2026-07-20'
                    : `${MONTH}-${String(1 + random.int(28)).padStart(2, '0')}`;
            return {
                ...template,
                ChargeType: chargeType,
                PricingModel: pricingModel,
                BenefitId: commitment,
                ReservationId: pricingModel === 'Reservation' ? '1a2b3c4d' : '',
                Cost: cost.text,
                hub_value: cost.value,
                BillingCurrency: random.pick(CURRENCIES),
                Date: date(day),
                hub_needs: '',
            };
        });
    const expected: Expected = new Map();
    const principal = (row: LegacyRow) =>
        ['Purchase', 'Refund'].includes(row.ChargeType ?? '') &&
        ['Reservation', 'SavingsPlan'].includes(row.PricingModel ?? '');
    const billedAtPurchase = (row: LegacyRow) =>
        row.ChargeType?.startsWith('Unused') === true ||
        (row.ChargeType === 'Usage' && ['Reservation', 'SavingsPlan'].includes(row.PricingModel ?? ''));
    for (const [i, type] of types.entries()) {
        const written = writeLegacyExport(exportsDir(), {
            exportName: `${type.toLowerCase()}-${accounts}`,
            type,
            dataVersion: version,
            agreement,
            scope,
            month: MONTH,
            runId: runId(),
            submittedTime: `2026-09-0${i + 1}T03:00:00Z`,
            rows: generate(),
        });
        // Alone, a run brings every row; beside each other, the amortized run all but commitment purchases and
        // refunds, the actual run those.
        const kept = written.rows.filter((r) => types.length === 1 || principal(r) === (type === 'ActualCost'));
        for (const row of kept) {
            const cost = row.hub_value ?? '0';
            const billed = type === 'AmortizedCost' && billedAtPurchase(row) ? '0' : cost;
            add(expected, hasCurrency ? (row.BillingCurrency ?? null) : null, {
                BilledCost: billed,
                EffectiveCost: principal(row) ? '0' : cost,
            });
        }
    }
    folders.set(`Costs/2026/08/${scope.slice(1).toLowerCase()}`, expected);
}

/** The non-cost exports: the sample generator's rows with random figures, currencies and event types written in. */
async function otherRuns(random: Random, folders: Map<string, Expected>): Promise<void> {
    const cases = [
        ['PriceSheet', '2023-05-01', 'EA'],
        ['PriceSheet', '2023-05-01', 'MCA'],
        ['PriceSheet', '2024-08-01', 'MCA'],
        ['ReservationDetails', '2023-03-01', 'EA'],
        ['ReservationRecommendations', '2023-05-01', 'EA'],
        ['ReservationRecommendations', '2023-05-01', 'MCA'],
        ['ReservationTransactions', '2023-05-01', 'EA'],
        ['ReservationTransactions', '2023-05-01', 'MCA'],
    ] as const;
    await withConnection(async (connection) => {
        for (const [type, dataVersion, channel] of cases) {
            const scope =
                channel === 'MCA'
                    ? `/providers/Microsoft.Billing/billingAccounts/${account()}:1_2019-05-31/billingProfiles/AB12-CD34`
                    : `/providers/Microsoft.Billing/billingAccounts/${account()}`;
            const exportName = `${type.toLowerCase()}${accounts}`;
            const written = await writeGeneratedExport(connection, exportsDir(), {
                type,
                dataVersion,
                channel,
                scope,
                exportName,
                runId: runId(),
                rows: 4 + random.int(6),
                seed: random.int(1000),
            });
            const expected: Expected = new Map();
            rewriteCsv(written.blobs[0]?.path ?? '', (row) => figures(random, type, channel, expected, row));
            const suffix = type === 'ReservationRecommendations' ? exportName.toLowerCase() : '';
            const dataset = {
                PriceSheet: 'Prices',
                ReservationDetails: 'CommitmentDiscountUsage',
                ReservationRecommendations: 'Recommendations',
                ReservationTransactions: 'Transactions',
            }[type];
            folders.set(`${dataset}/2026/08/${scope.slice(1).toLowerCase()}${suffix}`, expected);
        }
    });
}

/** Random figures for one row of a non-cost export, added to what its folder must hold. */
function figures(
    random: Random,
    type: string,
    channel: string,
    expected: Expected,
    row: Record<string, string>,
): Record<string, string> {
    if (type === 'PriceSheet') {
        // Rows counted per billing currency (MCA BillingCurrency, EA CurrencyCode).
        add(expected, row.BillingCurrency ?? row.CurrencyCode ?? null, {});
        const price = random.decimal(5, false);
        return { UnitPrice: price.text, MarketPrice: price.text };
    }
    if (type === 'ReservationDetails') {
        const used = random.decimal(3, false);
        const reserved = random.decimal(3, false);
        add(expected, null, { ConsumedQuantity: used.value, x_CommitmentDiscountCommittedAmount: reserved.value });
        return { UsedHours: used.text, ReservedHours: reserved.text };
    }
    if (type === 'ReservationRecommendations') {
        const savings = random.decimal(6);
        if (channel === 'EA') {
            add(expected, null, { x_EffectiveCostSavings: savings.value });
            return { NetSavings: savings.text };
        }
        // MCA: JSON naming its currency, or a plain number (the currency then comes from the cost's JSON: USD).
        if (random.int(4) === 0) {
            add(expected, 'USD', { x_EffectiveCostSavings: savings.value });
            return { 'Net Savings': savings.text };
        }
        const currency = random.pick(CURRENCIES);
        add(expected, currency, { x_EffectiveCostSavings: savings.value });
        return { 'Net Savings': `{"value": ${savings.value}, "currency": "${currency}"}` };
    }
    const amount = random.decimal(7);
    const currency = random.pick(CURRENCIES);
    add(expected, currency, { BilledCost: amount.value });
    return {
        Amount: amount.text,
        Currency: currency,
        EventType: random.pick(['Purchase', 'Refund', 'Cancel', 'Exchange']),
    };
}

describe('reconciliation, on generated exports of every dataset and version', () => {
    it(`publishes every folder with its exports' totals, adjusted only by documented rules (seed ${SEED})`, async () => {
        const random = seededRandom(SEED);
        const folders = new Map<string, Expected>();
        for (const version of FOCUS_COST_VERSIONS) focusCostRun(random, version, folders);
        // Every legacy version alone (actual or amortized, EA or MCA); two composed folders, either run landing first.
        legacyCostVersions().forEach((version, i) => {
            const agreement = Math.floor(i / 2) % 2 === 0 ? 'EA' : 'MCA';
            legacyRuns(random, version, agreement, [i % 2 === 0 ? 'ActualCost' : 'AmortizedCost'], folders);
        });
        legacyRuns(random, '2023-12-01-preview', 'EA', ['ActualCost', 'AmortizedCost'], folders);
        legacyRuns(random, '2021-10-01', 'MCA', ['AmortizedCost', 'ActualCost'], folders);
        await otherRuns(random, folders);

        const deps = createLocalDeps(exportsDir(), join(dir, 'ingestion'), join(dir, 'state'), () => {});
        deps.validation = { ...deps.validation, mode: 'off' };
        deps.insights = undefined;
        const { runs: processed } = await processExports(deps);
        expect(
            processed.filter(({ run }) => run.status !== 'succeeded').map(({ run }) => [run.manifest, run.error]),
        ).toEqual([]);

        await withConnection(async (connection) => {
            for (const [folder, expected] of folders) {
                const manifest = JSON.parse(
                    readFileSync(join(dir, 'ingestion', folder, 'manifest.json'), 'utf8'),
                ) as Totals;
                const columns = Object.keys([...expected.values()][0]?.sums ?? {});
                const currency = [...expected.keys()].some((c) => c !== null) ? 'BillingCurrency' : 'null::varchar';
                const read = await rowsOf(
                    connection,
                    `select ${currency} as currency, count(*)::int as rows
                        ${columns.map((c) => `, coalesce(sum(${quotedIdentifier(c)}), 0)::varchar as ${quotedIdentifier(c)}`).join('')}
                     from read_parquet(${quotedString(join(dir, 'ingestion', folder, '*.parquet'))}) group by all order by all`,
                );
                const published = read.map(({ currency: code, rows, ...sums }) => ({
                    currency: code as string | null,
                    rows: rows as number,
                    sums: Object.fromEntries(Object.entries(sums).map(([c, v]) => [c, decimalSum([String(v)])])),
                }));
                const wanted = [...expected.entries()]
                    .map(([code, { rows, sums }]) => ({
                        currency: code,
                        rows,
                        sums: Object.fromEntries(Object.entries(sums).map(([c, values]) => [c, decimalSum(values)])),
                    }))
                    .sort((a, b) => String(a.currency).localeCompare(String(b.currency)));
                expect({ folder, published }).toEqual({ folder, published: wanted });
                expect({ folder, manifest: manifest.byCurrency }).toEqual({ folder, manifest: published });
                expect({ folder, balance: balance(manifest) }).toEqual({
                    folder,
                    balance: manifest.byCurrency?.map((c) => c.sums),
                });
            }
        });
    }, 120_000);
});

/** Per currency of the manifest's output: its input less what documented rules changed, per column. */
function balance(manifest: Totals): Record<string, string>[] | undefined {
    const of = (list: readonly CurrencyTotals[] | undefined, currency: string | null, column: string) =>
        decimalSum((list ?? []).filter((t) => t.currency === currency).map((t) => t.sums[column] ?? '0'));
    return manifest.byCurrency?.map(({ currency, sums }) =>
        Object.fromEntries(
            Object.keys(sums).map((column) => [
                column,
                decimalDifference(of(manifest.input, currency, column), of(manifest.changes, currency, column)),
            ]),
        ),
    );
}
