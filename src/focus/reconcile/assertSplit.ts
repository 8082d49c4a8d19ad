import { decimalSum } from '../decimalSum';
import type { Group, ReconcileSpec } from './reconcileSpec';
import { describeGroup, reconciliationFailure } from './reconciliationFailure';

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
        const label = describeGroup(spec, (all[0] ?? parts[0]) as Group);
        const rows = (list: readonly Group[]) => list.reduce((sum, g) => sum + g.rows, 0);
        if (rows(all) !== rows(parts)) {
            throw reconciliationFailure(
                name,
                `its files have ${rows(all)} rows ${label}, kept and left out ${rows(parts)}`,
            );
        }
        for (const column of spec.columns) {
            const sum = (list: readonly Group[]) => decimalSum(list.map((g) => g.sums[column] ?? '0'));
            if (sum(all) !== sum(parts)) {
                throw reconciliationFailure(
                    name,
                    `${column} ${label} sums to ${sum(all)} in its files, ${sum(parts)} kept and left out`,
                );
            }
        }
    }
}
