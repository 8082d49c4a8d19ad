import { decimalDifference, decimalSum } from '../decimalSum';
import type { CurrencyTotals, Totals } from '../totals';
import { reconciliationFailure } from './reconciliationFailure';

/**
 * Fails with `ReconciliationFailed` when, in a currency and reconciled column of `totals` (a published folder's: its
 * files' summed), the input less what documented rules changed is not the output. Totals without input figures
 * (recorded before the hub kept them) are not checked.
 */
export function assertBalanced(totals: Totals, what: string): void {
    if (!totals.input || !totals.byCurrency) return;
    const find = (list: readonly CurrencyTotals[], currency: string | null) =>
        list.filter((t) => t.currency === currency);
    const currencies = [...new Set([...totals.input, ...totals.byCurrency].map((t) => t.currency))];
    for (const currency of currencies) {
        const input = find(totals.input, currency);
        const columns = [...new Set(input.flatMap((t) => Object.keys(t.sums)))];
        for (const column of columns) {
            const sum = (list: readonly CurrencyTotals[]) => decimalSum(list.map((t) => t.sums[column] ?? '0'));
            const changed = sum(find(totals.changes ?? [], currency));
            const expected = decimalDifference(sum(input), changed);
            const actual = sum(find(totals.byCurrency, currency));
            if (expected !== actual) {
                throw reconciliationFailure(
                    what,
                    `${column} in ${currency ?? '(no currency)'} is ${actual}, but its exports hold ${sum(input)} less ${changed} documented rules changed`,
                );
            }
        }
    }
}
