import { InputError, PipelineError } from '../../errors';
import { decimalDifference, decimalSum } from '../decimalSum';
import { mergeByCurrency, mergeChanges, type RuleChange, type Totals, totalsOf } from '../totals';
import {
    CORRECTION_OUTSIDE_PERIOD,
    type Group,
    type OutputGroup,
    type ReconcileSpec,
    type RunPeriod,
} from './reconcileSpec';

/**
 * Compares a part's input and output groups (README "Reconciliation") and returns the part's totals: output and input
 * per currency, and what each rule changed. Fails with `ChargeOutsidePeriod` when rows are dated outside the run's
 * period (corrections before it are kept and counted), and with `ReconciliationFailed`, naming the column, the group
 * and both sums, when a group's rows or a column's sum differ by anything the documented rules do not explain.
 */
export function reconcileGroups(
    name: string,
    spec: ReconcileSpec,
    input: readonly Group[],
    output: readonly OutputGroup[],
    period?: RunPeriod,
): Totals {
    assertInPeriod(name, output, period);
    const keyOf = (g: Group) => JSON.stringify([g.currency, ...g.categories]);
    const keys = [...new Set([...input, ...output].map(keyOf))].sort();
    for (const key of keys) {
        const inGroup = input.find((g) => keyOf(g) === key);
        const outGroup = output.find((g) => keyOf(g) === key);
        const label = describe(spec, (inGroup ?? outGroup) as Group);
        const inRows = inGroup?.rows ?? 0;
        const outRows = outGroup?.rows ?? 0;
        if (inRows !== outRows) {
            throw failure(`Part ${name}`, `the input has ${inRows} rows ${label}, the output ${outRows}`);
        }
        for (const column of spec.columns) {
            const moved = spec.rules
                .filter((rule) => rule.column === column)
                .map((rule) => outGroup?.moved[rule.code]?.sums[column] ?? '0');
            const expected = decimalDifference(inGroup?.sums[column] ?? '0', decimalSum(moved));
            const actual = decimalSum([outGroup?.sums[column] ?? '0']);
            if (expected !== actual) {
                const rules = moved.length > 0 ? `, of which documented rules moved ${decimalSum(moved)}` : '';
                throw failure(
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

/**
 * Fails with `ReconciliationFailed` unless `pieces` (kept and left-out rows of a composed folder) add up to `whole`
 * group by group, in rows and in every reconciled column: no row may fall in neither or both.
 */
export function assertSplit(
    name: string,
    spec: ReconcileSpec,
    whole: readonly Group[],
    pieces: readonly Group[],
): void {
    const keyOf = (g: Group) => JSON.stringify([g.currency, ...g.categories]);
    for (const key of [...new Set([...whole, ...pieces].map(keyOf))].sort()) {
        const all = whole.filter((g) => keyOf(g) === key);
        const parts = pieces.filter((g) => keyOf(g) === key);
        const label = describe(spec, (all[0] ?? parts[0]) as Group);
        const rows = (list: readonly Group[]) => list.reduce((sum, g) => sum + g.rows, 0);
        if (rows(all) !== rows(parts)) {
            throw failure(name, `its files have ${rows(all)} rows ${label}, kept and left out ${rows(parts)}`);
        }
        for (const column of spec.columns) {
            const sum = (list: readonly Group[]) => decimalSum(list.map((g) => g.sums[column] ?? '0'));
            if (sum(all) !== sum(parts)) {
                throw failure(
                    name,
                    `${column} ${label} sums to ${sum(all)} in its files, ${sum(parts)} kept and left out`,
                );
            }
        }
    }
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

function describe(spec: ReconcileSpec, group: Group): string {
    const parts = [
        ...(spec.currency ? [`${spec.currency} ${group.currency ?? '(none)'}`] : []),
        ...spec.categories.map((c, i) => `${c} ${group.categories[i] ?? '(none)'}`),
    ];
    return parts.length > 0 ? `for ${parts.join(', ')}` : 'in all';
}

function failure(subject: string, what: string): PipelineError {
    return new PipelineError(
        'ReconciliationFailed',
        `${subject} does not reconcile: ${what}, which no documented rule explains; nothing is published.`,
    );
}
