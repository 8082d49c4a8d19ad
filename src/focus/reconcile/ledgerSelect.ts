import { quotedIdentifier } from '@duckdb/node-api';

import { InputError } from '../../errors';
import type { ReconcileSpec } from './reconcileSpec';

/** The name the scan gives the ledger's currency. */
export const LEDGER_CURRENCY = 'hub_ledger_currency';

/** The ledger columns a spec's input scan carries, in order: the currency's, then the amounts'. */
export function ledgerColumns(spec: ReconcileSpec): string[] {
    return ledgerEntries(spec).map(({ name }) => name);
}

/** Each reconciled column the spec has a ledger for, and the ledger column its amount is in (shared by equal lists). */
export function ledgerAmounts(spec: ReconcileSpec): { column: string; name: string }[] {
    const names = new Map<string, string>();
    return spec.columns.flatMap((column, i) => {
        const headers = spec.ledger?.[column];
        if (!headers) return [];
        const key = JSON.stringify(headers);
        if (!names.has(key)) names.set(key, `hub_ledger_${i}`);
        return [{ column, name: names.get(key) as string }];
    });
}

/**
 * The select list reading the ledger columns of a part (`columns`: its columns as DuckDB sees them), each the text of
 * the first of its export columns holding a value (a typed Parquet column as DuckDB prints it), trimmed: what scanInput
 * sums with `hub_ledger_units`, or compares with the currency read, so a copy of the part stages the export's own text.
 * A part with none of a reconciled column's export columns is a `SchemaMismatch`; with none of the currency's, its
 * ledger currency is null (old EA exports have none).
 */
export function ledgerSelect(spec: ReconcileSpec, columns: readonly { name: string }[], partName: string): string[] {
    const byLowerName = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
    return ledgerEntries(spec).map(({ column, names, name }) => {
        const texts = names
            .flatMap((header) => byLowerName.get(header.toLowerCase()) ?? [])
            .map((found) => `nullif(trim(${quotedIdentifier(found.name)}::varchar), '')`);
        if (texts.length === 0 && column !== spec.currency) {
            throw new InputError(
                'SchemaMismatch',
                `Part ${partName} has none of the columns ${names.join(', ')}, which hold its ${column}.`,
            );
        }
        const text =
            texts.length === 0 ? 'null::varchar' : texts.length === 1 ? texts[0] : `coalesce(${texts.join(', ')})`;
        return `${text} as ${name}`;
    });
}

/** The spec's ledger columns, in scan order: the column each holds, the export's names for it, and its own name. */
function ledgerEntries(spec: ReconcileSpec): { column: string; names: readonly string[]; name: string }[] {
    const currency = spec.currency && spec.ledger?.[spec.currency];
    const amounts = ledgerAmounts(spec).filter(({ name }, i, all) => all.findIndex((a) => a.name === name) === i);
    return [
        ...(spec.currency && currency ? [{ column: spec.currency, names: currency, name: LEDGER_CURRENCY }] : []),
        ...amounts.map(({ column, name }) => ({ column, names: spec.ledger?.[column] ?? [], name })),
    ];
}
