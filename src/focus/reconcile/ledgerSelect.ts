import { quotedIdentifier } from '@duckdb/node-api';

import { InputError } from '../../errors';
import type { ReconcileSpec } from './reconcileSpec';

/** The name the scan gives the ledger of the spec's `index`-th reconciled column. */
export function ledgerColumn(index: number): string {
    return `hub_ledger_${index}`;
}

/** The ledger columns a spec's input scan carries, in order. */
export function ledgerColumns(spec: ReconcileSpec): string[] {
    return spec.columns.flatMap((column, i) => (spec.ledger?.[column] ? [ledgerColumn(i)] : []));
}

/**
 * The select list reading the ledger columns of a part (`columns`: its columns as DuckDB sees them), each the text of
 * the first of its export columns holding a value (a typed Parquet column as DuckDB prints it), trimmed: what scanInput
 * sums with `hub_ledger_units`, so a copy of the part stages the export's own text. A part with none of a ledger's
 * columns is a `SchemaMismatch`.
 */
export function ledgerSelect(spec: ReconcileSpec, columns: readonly { name: string }[], partName: string): string[] {
    const byLowerName = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
    return spec.columns.flatMap((column, i) => {
        const names = spec.ledger?.[column];
        if (!names) return [];
        const found = names.flatMap((name) => byLowerName.get(name.toLowerCase()) ?? []);
        if (found.length === 0) {
            throw new InputError(
                'SchemaMismatch',
                `Part ${partName} has none of the columns ${names.join(', ')}, which hold its ${column}.`,
            );
        }
        const texts = found.map(({ name }) => `nullif(trim(${quotedIdentifier(name)}::varchar), '')`);
        return [`${texts.length === 1 ? texts[0] : `coalesce(${texts.join(', ')})`} as ${ledgerColumn(i)}`];
    });
}
