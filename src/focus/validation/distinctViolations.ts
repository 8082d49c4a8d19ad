import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import type { CompiledRule } from './compileRule';
import type { SqlParams } from './sqlParams';

type DistinctRule = Extract<CompiledRule, { kind: 'distinct' }>;

/**
 * CheckDistinctCount as SQL: the rows (matching the rule's conditions) whose ColumnA value does not have exactly
 * ExpectedCount distinct ColumnB values. Rows with a null ColumnA are not grouped. `select` picks what to return.
 */
export function distinctViolationsSql(rule: DistinctRule, relation: string, params: SqlParams, select: string): string {
    const [key, value] = [quotedIdentifier(rule.key), quotedIdentifier(rule.value)];
    const source = `(select * from ${quotedIdentifier(relation)} where ${key} is not null and ${rule.filter})`;
    return [
        `with filtered as ${source},`,
        `wrong_keys as (select ${key} as "key" from filtered group by ${key}`,
        `    having count(distinct ${value}) <> ${params.bind(rule.expected)})`,
        `select ${select} from filtered where ${key} in (select "key" from wrong_keys)`,
    ].join('\n');
}

/** Counts the rows of a CheckDistinctCount rule's violating groups. */
export async function countDistinctViolations(
    connection: DuckDBConnection,
    relation: string,
    rule: DistinctRule,
    params: SqlParams,
): Promise<number> {
    const sql = distinctViolationsSql(rule, relation, params, 'count(*) as "rows"');
    const reader = await connection.runAndReadAll(sql, params.for(sql));
    return Number(reader.getRowObjects()[0]?.rows ?? 0);
}
