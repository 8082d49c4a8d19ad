import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import { decimalOfUnits } from '../decimalSum';
import { groupKeyNames, groupKeys, keysOf } from './groupKeys';
import { ledgerColumn } from './ledgerSelect';
import type { Group, ReconcileSpec } from './reconcileSpec';

/** The temp table scanInput fills: the input's rows and sums per group (and per `extraKeys`). */
export const INPUT_SCAN = 'hub_input_scan';

/**
 * Sums a part's input (`relation`: a query whose columns carry the spec's names: currency, categories, reconciled
 * columns, as the export gives them, and the ledger columns of ledgerSelect) in DuckDB, into temp table
 * hub_input_scan grouped by the spec's keys and `extraKeys` (columns another step needs distinct values of, e.g. the
 * AI meter keys), and returns the groups.
 */
export async function scanInput(
    connection: DuckDBConnection,
    relation: string,
    spec: ReconcileSpec,
    extraKeys: readonly string[] = [],
): Promise<Group[]> {
    const ledgered = spec.columns.flatMap((column, i) => (spec.ledger?.[column] ? [{ column, i }] : []));
    const sums = [
        ...spec.columns.map((c, i) => `sum(${quotedIdentifier(c)}) as hub_s${i}`),
        ...ledgered.map(({ i }) => `sum(hub_ledger_units(${ledgerColumn(i)})) as hub_l${i}`),
    ];
    await connection.run(
        `create or replace temp table ${INPUT_SCAN} as
         select ${[...groupKeys(spec), ...extraKeys.map(quotedIdentifier), 'count(*)::bigint as hub_rows', ...sums].join(', ')}
         from (${relation}) group by all`,
    );
    const totals = [
        ...spec.columns.map((_, i) => `coalesce(sum(hub_s${i}), 0)::varchar`),
        ...ledgered.map(({ i }) => `coalesce(sum(hub_l${i}), 0)::varchar`),
    ];
    const reader = await connection.runAndReadAll(
        `select ${[...groupKeyNames(spec), 'sum(hub_rows)::bigint', ...totals].join(', ')}
         from ${INPUT_SCAN} group by all`,
    );
    const width = groupKeyNames(spec).length;
    const ledgerAt = width + 1 + spec.columns.length;
    return reader.getRows().map((row) => ({
        ...keysOf(row, spec),
        rows: Number(row[width]),
        sums: Object.fromEntries(spec.columns.map((c, i) => [c, String(row[width + 1 + i])])),
        ...(ledgered.length > 0 && {
            ledger: Object.fromEntries(
                ledgered.map(({ column }, j) => [column, decimalOfUnits(String(row[ledgerAt + j]))]),
            ),
        }),
    }));
}
