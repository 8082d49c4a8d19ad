import { InputError } from '../../errors';
import { decimalDifference, decimalSum } from '../decimalSum';
import { mergeByCurrency, mergeChanges, type RuleChange, type Totals, totalsOf } from '../totals';
import {
    CORRECTION_OUTSIDE_PERIOD,
    type Group,
    type OutputGroup,
    type ReconcileSpec,
    type RunPeriod,
} from './reconcileSpec';
import { describeGroup, reconciliationFailure } from './reconciliationFailure';

/**
 * Compares a part's input and output groups (docs/reconciliation.md "Per part") and returns the part's totals: output
 * and input per currency, and what each rule changed. Fails with `ChargeOutsidePeriod` when rows are dated outside the
 * run's period (corrections before it are kept and counted), and with `ReconciliationFailed`, naming the column, the
 * group and both sums, when the input read differs from its ledger (the export's own columns), a group's rows or a
 * column's sum differ by anything the documented rules do not explain, or a row a rule flags does not hold the 0 it
 * sets.
 */
export function reconcileGroups(
    name: string,
    spec: ReconcileSpec,
    input: readonly Group[],
    output: readonly OutputGroup[],
    period?: RunPeriod,
): Totals {
    assertInPeriod(name, output, period);
    for (const group of input) assertLedger(name, spec, group);
    const keyOf = (g: Group) => JSON.stringify([g.currency, ...g.categories]);
    const keys = [...new Set([...input, ...output].map(keyOf))].sort();
    for (const key of keys) {
        const inGroup = input.find((g) => keyOf(g) === key);
        const outGroup = output.find((g) => keyOf(g) === key);
        const label = describeGroup(spec, (inGroup ?? outGroup) as Group);
        const inRows = inGroup?.rows ?? 0;
        const outRows = outGroup?.rows ?? 0;
        if (inRows !== outRows) {
            throw reconciliationFailure(`Part ${name}`, `the input has ${inRows} rows ${label}, the output ${outRows}`);
        }
        for (const { code, column } of spec.rules) {
            const notZeroed = outGroup?.moved[code]?.notZeroed ?? 0;
            if (notZeroed > 0) {
                const rows = `${notZeroed} row(s) ${label} flagged ${code}`;
                throw reconciliationFailure(`Part ${name}`, `${rows} hold a ${column} other than 0`);
            }
        }
        for (const column of spec.columns) {
            const moved = spec.rules
                .filter((rule) => rule.column === column)
                .map((rule) => outGroup?.moved[rule.code]?.sums[column] ?? '0');
            const expected = decimalDifference(inGroup?.sums[column] ?? '0', decimalSum(moved));
            const actual = decimalSum([outGroup?.sums[column] ?? '0']);
            if (expected !== actual) {
                const rules = moved.length > 0 ? `, of which documented rules moved ${decimalSum(moved)}` : '';
                throw reconciliationFailure(
                    `Part ${name}`,
                    `${column} ${label} sums to ${decimalSum([inGroup?.sums[column] ?? '0'])} in the input and ${actual} in the output${rules}`,
                );
            }
        }
    }
    return {
        ...totalsOf(output.map(({ currency, rows, sums }) => ({ currency, rows, sums }))),
        input: mergeByCurrency(input.map(({ currency, rows, sums }) => ({ currency, rows, sums }))),
        changes: mergeChanges(output.flatMap(changesOf)),
    };
}

/**
 * The input read of each column the spec has a ledger for must sum to exactly what the export's own columns hold, and
 * every row's currency must be the one in its own currency column.
 */
function assertLedger(name: string, spec: ReconcileSpec, group: Group): void {
    const misread = group.currencyMisread;
    if (misread && misread.rows > 0) {
        const own = (spec.currency && spec.ledger?.[spec.currency]?.join(' or ')) ?? '';
        throw reconciliationFailure(
            `Part ${name}`,
            `${misread.rows} row(s) read ${describeGroup(spec, group)} hold ${misread.example ?? 'no currency'} in the export's own ${own}`,
        );
    }
    for (const [column, ledger] of Object.entries(group.ledger ?? {})) {
        const read = decimalSum([group.sums[column] ?? '0']);
        if (read !== ledger) {
            const own = (spec.ledger?.[column] ?? []).join(' or ');
            throw reconciliationFailure(
                `Part ${name}`,
                `${column} ${describeGroup(spec, group)} was read as ${read}, but the export's own ${own} holds ${ledger}`,
            );
        }
    }
}

/** What the rules did in one output group: their rows and moved amounts, and the corrections kept before the period. */
function changesOf(group: OutputGroup): RuleChange[] {
    const { currency } = group;
    const rules = Object.entries(group.moved)
        .filter(([, moved]) => moved.rows > 0)
        .map(([code, moved]) => ({ code, currency, rows: moved.rows, sums: moved.sums }));
    const corrections =
        group.correctionsBefore > 0
            ? [{ code: CORRECTION_OUTSIDE_PERIOD, currency, rows: group.correctionsBefore, sums: {} }]
            : [];
    return [...rules, ...corrections];
}

function assertInPeriod(name: string, output: readonly OutputGroup[], period: RunPeriod | undefined): void {
    const outside = output.filter((g) => g.outside.rows > 0);
    if (!period || outside.length === 0) return;
    const rows = outside.reduce((sum, g) => sum + g.outside.rows, 0);
    const first = outside.map((g) => g.outside.first ?? '').sort()[0];
    const last = outside
        .map((g) => g.outside.last ?? '')
        .sort()
        .at(-1);
    throw new InputError(
        'ChargeOutsidePeriod',
        `Part ${name}: ${rows} row(s) are charged outside the run's period ${period.start} to ${period.end} (from ${first} to ${last}), so the hub cannot place them in its month; nothing is published. Check that the export writes its dates as its type does (M/D/YYYY is month first) and covers the period its manifest declares; re-run it.`,
    );
}
