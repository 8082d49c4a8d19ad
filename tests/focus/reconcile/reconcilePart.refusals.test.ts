import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { COST_INPUT_COLUMNS, COST_RECONCILIATION } from '../../../src/focus/datasets/costs/costReconciliation';
import { costStaging } from '../../../src/focus/datasets/costs/costStaging';
import { transformCosts } from '../../../src/focus/datasets/costs/transformCosts';
import { LEGACY_RECONCILIATION } from '../../../src/focus/datasets/legacyCosts/legacyReconciliation';
import { partColumns } from '../../../src/focus/datasets/partReader';
import { assertBalanced } from '../../../src/focus/reconcile/assertBalanced';
import { assertMerged } from '../../../src/focus/reconcile/assertMerged';
import { assertSplit } from '../../../src/focus/reconcile/assertSplit';
import { reconcilePart } from '../../../src/focus/reconcile/reconcilePart';
import type { ReconcileSpec } from '../../../src/focus/reconcile/reconcileSpec';
import { scanInput } from '../../../src/focus/reconcile/scanInput';
import { totalsOf } from '../../../src/focus/totals';
import { baseRow, writeFocusCsv } from '../../helpers/focusCsv';
import { withConnection } from '../../helpers/withConnection';

// Reconciliation refuses what no documented rule explains. A real part is converted, then its written file is changed
// the ways a faulty conversion would change it (a cent more, a row lost, a row moved to another category); the same
// check the converter runs on every part reads the changed file back in DuckDB and must refuse it, naming the column,
// the group and both figures. Folder-level checks (a published folder's totals, a composed folder's split) likewise.

const PERIOD = { start: '2026-10-01', end: '2026-10-31' };
const rows = [
    { ...baseRow, BilledCost: '10.25', EffectiveCost: '10.25' },
    { ...baseRow, BilledCost: '0.000001', EffectiveCost: '0.000001' },
    { ...baseRow, ChargeCategory: 'Purchase', BilledCost: '100', EffectiveCost: '0' },
];

/**
 * Converts the part, rewrites its output with `change` (SQL over `o`), and reconciles the rewritten file with the input
 * as the converter scans it, or as `misread` (SQL over `i`, the scan's query) reads it instead.
 */
async function reconcileChanged(
    change: string,
    spec: ReconcileSpec = COST_RECONCILIATION,
    misread = 'select * from {i}',
): Promise<unknown> {
    return withConnection(async (connection, dir) => {
        const input = join(dir, 'part_0_0001.csv');
        writeFocusCsv(input, '1.0r2', rows);
        const part = { path: input, format: 'csv' as const, dataVersion: '1.0r2', name: 'p', period: PERIOD };
        const output = join(dir, 'out.parquet');
        await transformCosts(connection, part, output);
        const columns = await partColumns(connection, part);
        const scan = costStaging(part, columns)(COST_INPUT_COLUMNS, true);
        const groups = await scanInput(connection, misread.replace('{i}', `(${scan})`), COST_RECONCILIATION);
        const changed = join(dir, 'changed.parquet');
        await connection.run(
            `copy (${change.replace('{o}', `read_parquet(${quotedString(output)})`)}) to ${quotedString(changed)} (format parquet)`,
        );
        return reconcilePart(connection, part, spec, groups, changed).catch((error: unknown) => error);
    });
}

describe('reconciliation refuses what no documented rule explains', () => {
    it('passes the file as written', async () => {
        expect(await reconcileChanged('select * from {o}')).toMatchObject({ rows: 3 });
    });

    it('refuses a cent more on one row, naming the column, the group and both sums', async () => {
        const error = await reconcileChanged(
            `select * replace (case when BilledCost = 10.25 then BilledCost + 0.01 else BilledCost end as BilledCost) from {o}`,
        );
        expect(error).toMatchObject({ code: 'ReconciliationFailed' });
        expect((error as Error).message).toMatch(/BilledCost for BillingCurrency USD, ChargeCategory Usage/);
        expect((error as Error).message).toMatch(/10\.250001 in the input and 10\.260001 in the output/);
    });

    // The input's sums come from the conversion's own reading (column map, hub_decimal): misread there, they would
    // agree with an output misread the same way. The ledger reads the export's own columns by other code.
    it("refuses an input read differently from the export's own columns: another column, or rounded", async () => {
        const misreads: [string, string][] = [
            [
                'select * replace (EffectiveCost as BilledCost) from {i}',
                "BilledCost for BillingCurrency USD, ChargeCategory Purchase, ChargeClass (none) was read as 0, but the export's own BilledCost holds 100",
            ],
            [
                'select * replace (round(EffectiveCost, 2) as EffectiveCost) from {i}',
                "EffectiveCost for BillingCurrency USD, ChargeCategory Usage, ChargeClass (none) was read as 10.25, but the export's own EffectiveCost holds 10.250001",
            ],
            // Billing in EUR, priced in USD: read from the pricing currency, EUR amounts would publish as USD.
            [
                "select * replace ('EUR' as BillingCurrency) from {i}",
                "2 row(s) read for BillingCurrency EUR, ChargeCategory Usage, ChargeClass (none) hold USD in the export's own BillingCurrency",
            ],
        ];
        for (const [misread, message] of misreads) {
            const error = await reconcileChanged('select * from {o}', COST_RECONCILIATION, misread);
            expect(error).toMatchObject({ code: 'ReconciliationFailed' });
            expect((error as Error).message).toContain(message);
        }
    });

    it('takes a currency of blanks for none on both sides, as the conversion reads it', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part_0_0001.csv');
            writeFocusCsv(input, '1.0r2', [
                ...rows,
                { ...baseRow, BillingCurrency: '  ', BilledCost: '1', EffectiveCost: '1' },
            ]);
            const part = { path: input, format: 'csv' as const, dataVersion: '1.0r2', name: 'p', period: PERIOD };
            expect(await transformCosts(connection, part, join(dir, 'out.parquet'))).toMatchObject({ rows: 4 });
        });
    });

    it('refuses a lost row', async () => {
        const error = await reconcileChanged(`select * from {o} where BilledCost <> 0.000001`);
        expect(error).toMatchObject({ code: 'ReconciliationFailed' });
        expect((error as Error).message).toMatch(/the input has 2 rows for .*ChargeCategory Usage.*, the output 1/);
    });

    it('refuses a row a documented rule flags that does not hold the 0 the rule sets, though the sums balance', async () => {
        // The rule moves EffectiveCost - BilledCost out of BilledCost on the rows it flags: flagging a row and halving its
        // BilledCost balances the sums, and only the rule's own 0 tells that apart.
        const flag = (billed: string) =>
            `select * replace (case when BilledCost = 10.25 then 'ZeroedBilledCostOfCommitmentUsage' end as x_SourceChanges,
                               case when BilledCost = 10.25 then ${billed} else BilledCost end as BilledCost) from {o}`;
        expect(await reconcileChanged(flag('0'), LEGACY_RECONCILIATION)).toMatchObject({ rows: 3 });
        const error = await reconcileChanged(flag('5.125'), LEGACY_RECONCILIATION);
        expect(error).toMatchObject({ code: 'ReconciliationFailed' });
        expect((error as Error).message).toMatch(
            /1 row\(s\) for .*ChargeCategory Usage.* flagged ZeroedBilledCostOfCommitmentUsage hold a BilledCost other than 0/,
        );
    });

    it('refuses a row moved to another charge category, even though the total is unchanged', async () => {
        const error = await reconcileChanged(
            `select * replace (case when BilledCost = 100 then 'Usage' else ChargeCategory end as ChargeCategory) from {o}`,
        );
        expect(error).toMatchObject({ code: 'ReconciliationFailed' });
    });
});

describe('folder checks', () => {
    const usd = (rows: number, billed: string) => ({ currency: 'USD', rows, sums: { BilledCost: billed } });

    it('refuses a published folder whose files do not add up to their exports less documented changes', () => {
        const balanced = {
            rows: 3,
            sums: { BilledCost: '9' },
            byCurrency: [usd(3, '9')],
            input: [usd(3, '10')],
            changes: [{ ...usd(1, '1'), code: 'SomeRule' }],
        };
        expect(() => assertBalanced(balanced, 'Folder X')).not.toThrow();
        const off = { ...balanced, byCurrency: [usd(3, '9.01')] };
        expect(() => assertBalanced(off, 'Folder X')).toThrow(
            expect.objectContaining({
                code: 'ReconciliationFailed',
                message: expect.stringMatching(/Folder X.*9\.01/),
            }),
        );
    });

    it('refuses a composed folder whose kept and left-out rows are not exactly its files', () => {
        const spec = { ...COST_RECONCILIATION, rules: [] };
        const group = (rows: number, billed: string) => ({
            currency: 'USD',
            categories: ['Purchase', null],
            rows,
            sums: { BilledCost: billed, EffectiveCost: '0' },
        });
        expect(() => assertSplit('Folder Y', spec, [group(4, '40')], [group(3, '30'), group(1, '10')])).not.toThrow();
        expect(() => assertSplit('Folder Y', spec, [group(4, '40')], [group(3, '30'), group(2, '10')])).toThrow(
            expect.objectContaining({ code: 'ReconciliationFailed' }),
        );
        expect(() => assertSplit('Folder Y', spec, [group(4, '40')], [group(3, '30'), group(1, '10.5')])).toThrow(
            expect.objectContaining({ code: 'ReconciliationFailed' }),
        );
    });

    it('refuses a derived file whose merge lost, repeated or moved money its partials hold', () => {
        const columns = ['BilledCost', 'EffectiveCost'];
        const totals = (...byCurrency: [string, number, string, string][]) =>
            totalsOf(
                byCurrency.map(([c, rows, b, e]) => ({ currency: c, rows, sums: { BilledCost: b, EffectiveCost: e } })),
            );
        const partials = totals(['USD', 5, '10.5', '9'], ['USD', 3, '1', '1'], ['EUR', 2, '4', '4']);
        // Merging regroups rows: fewer rows, the same money per currency.
        expect(() =>
            assertMerged('AIUnitEconomics', columns, partials, totals(['USD', 4, '11.5', '10'], ['EUR', 1, '4', '4'])),
        ).not.toThrow();
        for (const merged of [
            totals(['USD', 4, '10.5', '9'], ['EUR', 1, '4', '4']), // a day of USD dropped
            totals(['USD', 6, '23', '20'], ['EUR', 1, '4', '4']), // partial rows merged twice
            totals(['USD', 5, '15.5', '14']), // EUR merged into USD
        ]) {
            expect(() => assertMerged('AIUnitEconomics', columns, partials, merged)).toThrow(
                expect.objectContaining({ code: 'ReconciliationFailed', message: expect.stringContaining('partials') }),
            );
        }
    });
});
