import { summarize, validateFocus, ValidationReport } from '../../../src/focus/validation';
import { withConnection } from '../../helpers/withConnection';
import { loadSpecExample } from './specExample';

async function validateExample(file: string): Promise<ValidationReport> {
    return withConnection(async (connection) => {
        await loadSpecExample(connection, file, 'example');
        return validateFocus(connection, 'example');
    });
}

/** Failed rules other than dataset column presence (CostAndUsage-D-*), which every partial example fails. */
function rowFailures(report: ValidationReport): string[] {
    return summarize(report)
        .failed.map((rule) => rule.id)
        .filter((id) => !id.startsWith('CostAndUsage-D-'));
}

function missingColumns(report: ValidationReport): string[] {
    return summarize(report)
        .failed.filter((rule) => rule.id.startsWith('CostAndUsage-D-'))
        .map((rule) => rule.column);
}

const status = (report: ValidationReport, id: string) => report.rules.find((rule) => rule.id === id)?.status;

describe('FOCUS 1.2 specification examples', () => {
    test('commitment discount usage: only the columns the scenario leaves out fail', async () => {
        const report = await validateExample('commitment_discount_usage_scenario_1.csv');
        // The example shows 16 columns, so presence fails for the mandatory ones it omits…
        expect(missingColumns(report)).toEqual(
            expect.arrayContaining(['BillingCurrency', 'ProviderName', 'ChargeClass']),
        );
        // …but every check on the columns it has passes, including the allowed Status values (overridden rule).
        expect(rowFailures(report)).toEqual([]);
        expect(status(report, 'CommitmentDiscountStatus-C-005-M')).toBe('passed');
        expect(status(report, 'ChargeCategory-C-003-M')).toBe('passed');
        // Rules on absent columns are skipped, not failed.
        expect(status(report, 'BillingCurrency-C-003-M')).toBe('skipped');
    });

    test('commitment discount flexibility: nulls written as "null" load as nulls; a misspelt header is missing', async () => {
        const report = await validateExample(
            'one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv',
        );
        expect(rowFailures(report)).toEqual([]);
        // The header spells "SkuPriceid", so SkuPriceId counts as absent; x_CommitmentDiscountUnitPrice is custom.
        expect(missingColumns(report)).toContain('SkuPriceId');
        expect(missingColumns(report)).not.toContain('SkuId');
        expect(status(report, 'CommitmentDiscountCategory-C-005-M')).toBe('passed');
        // ListCost = ListUnitPrice × PricingQuantity cannot be checked: its condition reads ChargeClass, which is absent.
        expect(report.rules.find((rule) => rule.id === 'ListCost-C-009-C')?.message).toContain(
            'ChargeClass is not present',
        );
    });

    test('virtual currency model A1: dates written as 5/1/25 fail the DateTime rules', async () => {
        const report = await validateExample('virtual_currency_pricing_model_a1.csv');
        const dateColumns = ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'];
        expect(rowFailures(report)).toEqual(
            dateColumns.flatMap((column) => [`${column}-C-001-M`, `${column}-C-002-M`]),
        );
        expect(report.rules.find((rule) => rule.id === 'BillingPeriodStart-C-002-M')?.samples).toEqual([
            { BillingPeriodStart: '4/1/25' },
        ]);
    });

    test('simple SaaS agreement A1: "$10,000.00 " costs and an empty ServiceSubcategory fail', async () => {
        const report = await validateExample('simple_saas_agreements_a1.csv');
        const failures = rowFailures(report);
        // Costs and prices written with a currency symbol and thousands separator are text, not Decimal/NumericFormat.
        for (const column of ['BilledCost', 'ContractedCost', 'EffectiveCost', 'ListCost']) {
            expect(failures).toEqual(expect.arrayContaining([`${column}-C-001-M`, `${column}-C-002-M`]));
        }
        expect(failures).toEqual(expect.arrayContaining(['ListUnitPrice-C-008-M', 'ContractedUnitPrice-C-009-C']));
        // The example leaves ServiceSubcategory empty although the column is present.
        expect(failures).toContain('ServiceSubcategory-C-002-M');
        // A SHOULD NOT failure is reported but is not MUST-level.
        expect(summarize(report).failed.find((rule) => rule.id === 'SkuMeter-C-005-C')?.keyword).toBe('SHOULD NOT');
        expect(
            failures.filter(
                (id) =>
                    !/^(BilledCost|ContractedCost|ContractedUnitPrice|EffectiveCost|ListCost|ListUnitPrice|BillingPeriod|ChargePeriod|ServiceSubcategory|SkuMeter)/.test(
                        id,
                    ),
            ),
        ).toEqual([]);
    });
});
