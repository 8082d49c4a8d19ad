import { quotedIdentifier } from '@duckdb/node-api';

import type { ReconcileSpec } from './reconcileSpec';

/** The select list naming a spec's grouping columns `hub_currency`, `hub_k0`, `hub_k1`, … (a typed null for none). */
export function groupKeys(spec: ReconcileSpec): string[] {
    const currency = spec.currency === undefined ? 'null::varchar' : quotedIdentifier(spec.currency);
    return [
        `${currency} as hub_currency`,
        ...spec.categories.map((column, i) => `${quotedIdentifier(column)}::varchar as hub_k${i}`),
    ];
}

/** The names groupKeys gives, in order. */
export function groupKeyNames(spec: ReconcileSpec): string[] {
    return ['hub_currency', ...spec.categories.map((_, i) => `hub_k${i}`)];
}

/** Reads a group's currency and categories from a result row (the groupKeyNames columns first). */
export function keysOf(row: readonly unknown[], spec: ReconcileSpec) {
    return { currency: textOf(row[0]), categories: spec.categories.map((_, i) => textOf(row[i + 1])) };
}

/** A text value DuckDB returned (varchar, or a number), or null. */
export function textOf(value: unknown): string | null {
    if (typeof value === 'string') return value;
    return typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;
}
