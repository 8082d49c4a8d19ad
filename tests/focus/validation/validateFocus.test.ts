import { InputError } from '../../../src/errors';
import { conforms, noOverrides, summarize, validateFocus, ValidationReport } from '../../../src/focus/validation';
import { withConnection } from '../../helpers/withConnection';
import { createFocusTable } from './focusTable';

type Changes = Record<string, string | null>;

async function validate(
    changes: Changes = {},
    options: Parameters<typeof validateFocus>[2] = {},
): Promise<ValidationReport> {
    return withConnection(async (connection) => {
        await createFocusTable(connection, 'focus run', 40, changes);
        return validateFocus(connection, 'focus run', options);
    });
}

const failedIds = (report: ValidationReport) => summarize(report).failed.map((rule) => rule.id);
const rule = (report: ValidationReport, id: string) => report.rules.find((result) => result.id === id);

describe('validateFocus', () => {
    test('a conforming Azure-like table passes every checkable rule', async () => {
        const report = await validate();
        const summary = summarize(report);
        expect(summary.failed).toEqual([]);
        expect(conforms(report)).toBe(true);
        expect(report.rowCount).toBe(40);
        expect(summary.rules).toBe(summary.passed + summary.skipped + summary.overridden);
        expect(summary.passed).toBeGreaterThan(200);
        expect(rule(report, 'CostAndUsage-D-000-M')?.status).toBe('passed');
    });

    test('a broken dataset fails the expected rules', async () => {
        const report = await validate({
            ListCost: '(0.6 * quantity)::decimal(38,18)', // ≠ ListUnitPrice 0.5 × PricingQuantity
            BillingCurrency: "case when i % 4 = 0 then 'US$' else 'EUR' end",
            Tags: 'case when i % 2 = 0 then \'env=prod\' else \'{"env": "prod"}\' end',
            InvoiceIssuerName: null, // a mandatory column left out
        });
        expect(failedIds(report)).toEqual([
            'BillingCurrency-C-003-M',
            'BillingCurrency-C-006-M',
            'CostAndUsage-D-023-M',
            'ListUnitPrice-C-010-C',
            'Tags-C-001-M',
        ]);
        // ListCost-C-009-C repeats the product check and depends on the ListUnitPrice column rules, which now fail.
        expect(rule(report, 'ListCost-C-009-C')?.message).toContain('dependency ListUnitPrice-C-000-C failed');
        expect(conforms(report)).toBe(false);
        expect(rule(report, 'BillingCurrency-C-003-M')).toMatchObject({ status: 'failed', keyword: 'MUST', rows: 10 });
        expect(rule(report, 'BillingCurrency-C-003-M')?.samples).toHaveLength(3);
        expect(rule(report, 'BillingCurrency-C-003-M')?.samples[0]).toEqual({ BillingCurrency: 'US$' });
        expect(rule(report, 'Tags-C-001-M')).toMatchObject({
            rows: 20,
            samples: [{ Tags: 'env=prod' }, { Tags: 'env=prod' }, { Tags: 'env=prod' }],
        });
        expect(rule(report, 'ListUnitPrice-C-010-C')?.samples[0]).toEqual({
            ListUnitPrice: '0.500000000000000000',
            PricingQuantity: expect.any(String),
            ListCost: expect.any(String),
            ChargeClass: null,
        });
        // The missing column fails its presence rule; the column's own rules are skipped, not failed.
        expect(rule(report, 'InvoiceIssuerName-C-000-M')?.message).toContain('dependency CostAndUsage-D-023-M failed');
        expect(rule(report, 'InvoiceIssuerName-C-001-M')?.status).toBe('skipped');
        expect(rule(report, 'CostAndUsage-D-000-M')?.status).toBe('failed');
        expect(summarize(report).failed.find((failed) => failed.id === 'CostAndUsage-D-023-M')).toEqual({
            id: 'CostAndUsage-D-023-M',
            column: 'InvoiceIssuerName',
            keyword: 'MUST',
            rows: 40,
            message: 'InvoiceIssuerName MUST be present in a FOCUS dataset. column InvoiceIssuerName is missing.',
        });
    });

    test('overrides: skipped rules are overridden with their reason, corrected rules carry it', async () => {
        const report = await validate();
        expect(rule(report, 'InvoiceId-C-004-C')).toMatchObject({ status: 'overridden', rows: 0 });
        expect(rule(report, 'InvoiceId-C-004-C')?.message).toContain('contradicts InvoiceId-C-005-C');
        expect(rule(report, 'CommitmentDiscountStatus-C-003-C')).toMatchObject({ status: 'passed' });
        expect(rule(report, 'CommitmentDiscountStatus-C-003-C')?.override).toContain('Corrected to CheckValue null');
        expect(rule(report, 'ListCost-C-009-C')?.override).toContain('exact equality');
    });

    test('the model as written fails correct data where it is wrong or stricter than FOCUS', async () => {
        const report = await validate({}, { overrides: noOverrides });
        expect(failedIds(report)).toEqual([
            'CommitmentDiscountStatus-C-003-C', // requires a Status where there is no commitment discount
            'CommitmentDiscountStatus-C-004-C', // …and again, with the condition inverted
            'ContractedUnitPrice-C-011-C', // 0.4 × 3 ≠ 1.2 exactly in floating point
            'InvoiceId-C-004-C', // unconditional "MUST be null"
            'SubAccountName-C-002-M', // "Produktion Zürich" is not ASCII
        ]);
    });

    test('--rules reports only matching rules, still honouring dependencies', async () => {
        const report = await validate(
            { BilledCost: null },
            { rules: 'BilledCost-*,CostAndUsage-D-006-M', sampleRows: 1 },
        );
        expect(report.rules.map((result) => result.id)).toEqual([
            'BilledCost-C-000-M',
            'BilledCost-C-001-M',
            'BilledCost-C-002-M',
            'BilledCost-C-003-M',
            'BilledCost-C-004-M',
            'BilledCost-C-005-C',
            'BilledCost-C-006-M',
            'BilledCost-C-007-M',
            'CostAndUsage-D-006-M',
        ]);
        expect(rule(report, 'CostAndUsage-D-006-M')?.status).toBe('failed');
        expect(rule(report, 'BilledCost-C-000-M')?.message).toContain('dependency CostAndUsage-D-006-M failed');
        expect(rule(report, 'BilledCost-C-003-M')?.message).toContain('parent BilledCost-C-000-M is not evaluated');
    });

    test('applicability criteria gate conditional columns', async () => {
        const report = await validate({ Tags: null }, { criteria: [] });
        expect(failedIds(report)).toEqual([]);
        expect(rule(report, 'CostAndUsage-D-064-C')?.message).toContain(
            'applies only when TAGGING_SUPPORTED are enabled',
        );
        await expect(validate({}, { criteria: ['TAGS'] })).rejects.toThrow(InputError);
    });
});
