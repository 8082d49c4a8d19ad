import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import { decimalSum } from '../decimalSum';
import { groupKeyNames, groupKeys, keysOf, textOf } from './groupKeys';
import { LEDGER_CURRENCY, ledgerAmounts, ledgerColumns } from './ledgerSelect';
import type { Group, ReconcileSpec } from './reconcileSpec';

/** The temp table scanInput fills: the input's rows and sums per group (and per `extraKeys`). */
export const INPUT_SCAN = 'hub_input_scan';

/**
 * Sums a part's input (`relation`: a query whose columns carry the spec's names: currency, categories, reconciled
 * columns, as the export gives them, and the ledger columns of ledgerSelect) in DuckDB, into temp table
 * hub_input_scan grouped by the spec's keys and `extraKeys` (columns another step needs distinct values of, e.g. the
 * AI meter keys), and returns the groups: rows, sums and, with a ledger, its sums and the rows whose own currency is
 * not the one read.
 */
export async function scanInput(
    connection: DuckDBConnection,
    relation: string,
    spec: ReconcileSpec,
    extraKeys: readonly string[] = [],
): Promise<Group[]> {
    const amounts = ledgerAmounts(spec);
    const ledger = ledgerColumns(spec).filter((name) => name !== LEDGER_CURRENCY);
    const currency = spec.currency && spec.ledger?.[spec.currency] ? quotedIdentifier(spec.currency) : undefined;
    // A currency of blanks is none, on both sides; case is ignored.
    const code = (text: string) => `nullif(upper(trim(${text})), '')`;
    const misread = currency && `${code(LEDGER_CURRENCY)} is distinct from ${code(currency)}`;
    const total = (name: string) => `coalesce(sum(${name}), 0)::varchar`;
    // [name in hub_input_scan, its aggregate over the relation, its aggregate over hub_input_scan]
    const figures: (readonly [string, string, string])[] = [
        ...spec.columns.map((c, i) => [`hub_s${i}`, `sum(${quotedIdentifier(c)})`, total(`hub_s${i}`)] as const),
        ...ledger.map((name) => [`${name}_sum`, `sum(${name})`, total(`${name}_sum`)] as const),
        ...(misread
            ? ([
                  ['hub_misread', `count(*) filter (${misread})`, total('hub_misread')],
                  ['hub_misread_example', `min(${LEDGER_CURRENCY}) filter (${misread})`, 'min(hub_misread_example)'],
              ] as const)
            : []),
    ];
    await connection.run(
        `create or replace temp table ${INPUT_SCAN} as
         select ${[...groupKeys(spec), ...extraKeys.map(quotedIdentifier), 'count(*)::bigint as hub_rows', ...figures.map(([name, scan]) => `${scan} as ${name}`)].join(', ')}
         from (${relation}) group by all`,
    );
    const reader = await connection.runAndReadAll(
        `select ${[...groupKeyNames(spec), 'sum(hub_rows)::bigint', ...figures.map(([, , overScan]) => overScan)].join(', ')}
         from ${INPUT_SCAN} group by all`,
    );
    const width = groupKeyNames(spec).length;
    return reader.getRows().map((row) => {
        const figure = (name: string) => textOf(row[width + 1 + figures.findIndex(([n]) => n === name)]);
        return {
            ...keysOf(row, spec),
            rows: Number(row[width]),
            sums: Object.fromEntries(spec.columns.map((c, i) => [c, figure(`hub_s${i}`) ?? '0'])),
            ...(amounts.length > 0 && {
                ledger: Object.fromEntries(
                    amounts.map(({ column, name }) => [column, decimalSum([figure(`${name}_sum`) ?? '0'])]),
                ),
            }),
            ...(currency && {
                currencyMisread: { rows: Number(figure('hub_misread')), example: figure('hub_misread_example') },
            }),
        };
    });
}
