import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import type { CompiledRule } from './compileRule';
import { distinctViolationsSql } from './distinctViolations';
import type { SqlParams } from './sqlParams';

/** Up to `limit` violating rows of a row-level or distinct-count rule, showing the columns the rule reads. */
export async function sampleViolations(
    connection: DuckDBConnection,
    relation: string,
    rule: CompiledRule,
    params: SqlParams,
    limit: number,
): Promise<Record<string, unknown>[]> {
    if ((rule.kind !== 'rows' && rule.kind !== 'distinct') || limit < 1) return [];
    const columns = rule.columns.length > 0 ? rule.columns.map(quotedIdentifier).join(', ') : '*';
    const rows = `${Math.floor(limit)}`;
    const sql =
        rule.kind === 'rows'
            ? `select ${columns} from ${quotedIdentifier(relation)} where ${rule.violation} limit ${rows}`
            : `${distinctViolationsSql(rule, relation, params, columns)} order by ${quotedIdentifier(rule.key)} limit ${rows}`;
    const reader = await connection.runAndReadAll(sql, params.for(sql));
    return reader.getRowObjectsJson();
}
