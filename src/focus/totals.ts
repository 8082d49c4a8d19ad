import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { decimalSum } from './decimalSum';

/** Rows and exact sums (decimal text, as DuckDB prints DECIMAL(38,18)) of the columns a dataset reconciles. */
export interface Totals {
    rows: number;
    /**
     * Column name → Σ column, e.g. `{ BilledCost: '25520.53' }`. Money of several currencies is never added: when the
     * rows are in more than one currency (`byCurrency`), money sums are only given per currency.
     */
    sums: Record<string, string>;
    /** Rows and sums per currency (null: the dataset's figures have none, e.g. hours). */
    byCurrency?: CurrencyTotals[];
    /** What the export itself holds for each reconciled column, per currency, before the conversion. */
    input?: CurrencyTotals[];
    /** Rows and amounts documented rules moved out of each column (input − changes = output), per code and currency. */
    changes?: RuleChange[];
}

/** Rows and exact sums of one currency. */
export interface CurrencyTotals {
    currency: string | null;
    rows: number;
    sums: Record<string, string>;
}

/** What one documented rule (its x_SourceChanges code) did in one currency: rows, and the amount per column. */
export interface RuleChange extends CurrencyTotals {
    code: string;
}

/**
 * Reads the row count and the sums of `columns` back from a Parquet file the hub wrote (or several, together), per
 * value of `currency` (a column naming each row's currency) when given.
 */
export async function parquetTotals(
    connection: DuckDBConnection,
    path: string | readonly string[],
    columns: readonly string[],
    currency?: string,
): Promise<Totals> {
    const files = typeof path === 'string' ? quotedString(path) : `[${path.map((p) => quotedString(p)).join(', ')}]`;
    const sums = columns.map((c, i) => `coalesce(sum(${quotedIdentifier(c)}), 0)::varchar as s${i}`);
    const key = currency === undefined ? 'null::varchar' : quotedIdentifier(currency);
    const reader = await connection.runAndReadAll(
        `select ${[`${key} as currency`, 'count(*)::bigint as rows', ...sums].join(', ')}
         from read_parquet(${files}) group by all order by all`,
    );
    const byCurrency = reader.getRows().map(([code, rows, ...values]) => ({
        currency: code === null ? null : String(code),
        rows: Number(rows),
        sums: Object.fromEntries(columns.map((c, i) => [c, String(values[i])])),
    }));
    return totalsOf(byCurrency.length > 0 ? byCurrency : [{ currency: null, rows: 0, sums: zeros(columns) }]);
}

/** Totals of per-currency figures: rows, money sums when one currency only, and the figures themselves. */
export function totalsOf(byCurrency: CurrencyTotals[]): Totals {
    const merged = mergeByCurrency(byCurrency);
    const rows = merged.reduce((sum, t) => sum + t.rows, 0);
    const sums = merged.length === 1 ? { ...(merged[0]?.sums ?? {}) } : {};
    return { rows, sums, byCurrency: merged };
}

/** The exact total of several totals (none: zero rows), never adding two currencies' money. */
export function sumTotals(list: readonly Totals[]): Totals {
    if (list.length === 0) return { rows: 0, sums: {} };
    // Totals recorded before per-currency figures existed are added as they were.
    const total: Totals = list.every((t) => t.byCurrency !== undefined)
        ? totalsOf(list.flatMap((t) => t.byCurrency ?? []))
        : { rows: list.reduce((sum, t) => sum + t.rows, 0), sums: addSums(list.map((t) => t.sums)) };
    if (list.some((t) => t.input)) total.input = mergeByCurrency(list.flatMap((t) => t.input ?? []));
    if (list.some((t) => t.changes)) total.changes = mergeChanges(list.flatMap((t) => t.changes ?? []));
    return total;
}

/** Per-currency figures added currency by currency (sorted by currency). */
export function mergeByCurrency(list: readonly CurrencyTotals[]): CurrencyTotals[] {
    const by = new Map<string, CurrencyTotals[]>();
    for (const t of list) by.set(JSON.stringify(t.currency), [...(by.get(JSON.stringify(t.currency)) ?? []), t]);
    return [...by.values()]
        .map((same) => ({
            currency: same[0]?.currency ?? null,
            rows: same.reduce((sum, t) => sum + t.rows, 0),
            sums: addSums(same.map((t) => t.sums)),
        }))
        .sort((a, b) => String(a.currency).localeCompare(String(b.currency)));
}

/** Rule changes added by code and currency (sorted). */
export function mergeChanges(list: readonly RuleChange[]): RuleChange[] {
    const codes = [...new Set(list.map((c) => c.code))].sort();
    return codes.flatMap((code) => mergeByCurrency(list.filter((c) => c.code === code)).map((t) => ({ code, ...t })));
}

function addSums(list: readonly Record<string, string>[]): Record<string, string> {
    const columns = [...new Set(list.flatMap((sums) => Object.keys(sums)))];
    return Object.fromEntries(
        columns.map((c) => [c, decimalSum(list.flatMap((sums) => (sums[c] === undefined ? [] : [sums[c]])))]),
    );
}

const zeros = (columns: readonly string[]) => Object.fromEntries(columns.map((c) => [c, '0']));
