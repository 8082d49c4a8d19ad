import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import type { SqlParams } from './sqlParams';

/** Violating rows per rule, or the error that stopped its predicate from running. */
export interface ViolationCounts {
    rowCount: number;
    counts: Map<string, number | { error: string }>;
}

/**
 * Counts the violating rows of every row-level rule in one scan: one `count(*) filter (where …)` term per rule. If the
 * combined query fails (a predicate the data's types reject), each rule is retried alone so one bad rule cannot hide
 * the others.
 */
export async function countViolations(
    connection: DuckDBConnection,
    relation: string,
    violations: ReadonlyMap<string, string>,
    params: SqlParams,
): Promise<ViolationCounts> {
    const ids = [...violations.keys()];
    const terms = ids.map((id, index) => `count(*) filter (where ${violations.get(id)}) as "v${index}"`);
    const sql = `select ${['count(*) as "total"', ...terms].join(',\n    ')}\nfrom ${quotedIdentifier(relation)}`;
    try {
        const row = await firstRow(connection, sql, params);
        return {
            rowCount: Number(row.total),
            counts: new Map(ids.map((id, index) => [id, Number(row[`v${index}`])])),
        };
    } catch {
        return countOneByOne(connection, relation, violations, params);
    }
}

async function countOneByOne(
    connection: DuckDBConnection,
    relation: string,
    violations: ReadonlyMap<string, string>,
    params: SqlParams,
): Promise<ViolationCounts> {
    const total = await firstRow(connection, `select count(*) as "total" from ${quotedIdentifier(relation)}`, params);
    const counts = new Map<string, number | { error: string }>();
    for (const [id, violation] of violations) {
        const sql = `select count(*) filter (where ${violation}) as "v" from ${quotedIdentifier(relation)}`;
        try {
            counts.set(id, Number((await firstRow(connection, sql, params)).v));
        } catch (error) {
            counts.set(id, { error: error instanceof Error ? error.message : String(error) });
        }
    }
    return { rowCount: Number(total.total), counts };
}

/** Runs a query with the bound values it refers to and returns its first row. */
export async function firstRow(
    connection: DuckDBConnection,
    sql: string,
    params: SqlParams,
): Promise<Record<string, unknown>> {
    const reader = await connection.runAndReadAll(sql, params.for(sql));
    return reader.getRowObjects()[0] ?? {};
}
