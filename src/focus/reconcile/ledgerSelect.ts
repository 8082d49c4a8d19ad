import { quotedIdentifier } from '@duckdb/node-api';

import { InputError } from '../../errors';
import type { ReconcileSpec } from './reconcileSpec';

/** DuckDB's binary floating-point types: their values are read through their shortest text, as the conversion does. */
const FLOATING = new Set(['DOUBLE', 'FLOAT']);

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
 * The select list reading the ledger columns of a part (`columns`: its columns as DuckDB sees them), each from the
 * first of its export columns holding a value: an amount as DECIMAL(38, 18), from text by `hub_ledger_decimal` (a
 * floating-point Parquet column through its shortest text, as the conversion reads it) or cast from a typed decimal or
 * integer column; the currency as text. A part with none of a reconciled column's export columns is a
 * `SchemaMismatch`; with none of the currency's, its ledger currency is null (old EA exports have none).
 */
export function ledgerSelect(
    spec: ReconcileSpec,
    columns: readonly { name: string; type: string }[],
    partName: string,
): string[] {
    const byLowerName = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
    return ledgerEntries(spec).map(({ column, names, name }) => {
        const read = column === spec.currency ? currencyText : amount;
        const values = names.flatMap((header) => byLowerName.get(header.toLowerCase()) ?? []).map(read);
        if (values.length === 0 && column !== spec.currency) {
            throw new InputError(
                'SchemaMismatch',
                `Part ${partName} has none of the columns ${names.join(', ')}, which hold its ${column}.`,
            );
        }
        const value =
            values.length === 0 ? 'null::varchar' : values.length === 1 ? values[0] : `coalesce(${values.join(', ')})`;
        return `${value} as ${name}`;
    });
}

/** A currency column's text; empty text is null (blanks are compared as none: scanInput). */
function currencyText({ name }: { name: string }): string {
    return `nullif(${quotedIdentifier(name)}::varchar, '')`;
}

/** An amount column as DECIMAL(38, 18), by the ledger's own reading of text (and of floating-point values' text). */
function amount({ name, type }: { name: string; type: string }): string {
    const column = quotedIdentifier(name);
    if (type === 'VARCHAR' || FLOATING.has(type)) return `hub_ledger_decimal(${column}::varchar)`;
    return `cast(${column} as decimal(38, 18))`;
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
