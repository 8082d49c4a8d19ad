import { decimalSum } from '../decimalSum';
import type { Totals } from '../totals';
import { reconciliationFailure } from './reconciliationFailure';

/**
 * Fails with `ReconciliationFailed` unless a derived dataset's merged file holds, per currency, exactly the sums of
 * `columns` its partials hold: merging regroups rows, it never drops, adds or changes money.
 */
export function assertMerged(name: string, columns: readonly string[], partials: Totals, merged: Totals): void {
    const currencies = new Set([...(partials.byCurrency ?? []), ...(merged.byCurrency ?? [])].map((t) => t.currency));
    for (const currency of [...currencies].sort()) {
        const sum = (totals: Totals, column: string) =>
            decimalSum(
                (totals.byCurrency ?? []).filter((t) => t.currency === currency).map((t) => t.sums[column] ?? '0'),
            );
        for (const column of columns) {
            const [before, after] = [sum(partials, column), sum(merged, column)];
            if (before !== after) {
                const group = `${column} for BillingCurrency ${currency ?? '(none)'}`;
                throw reconciliationFailure(name, `${group} sums to ${before} in its partials, ${after} merged`);
            }
        }
    }
}
