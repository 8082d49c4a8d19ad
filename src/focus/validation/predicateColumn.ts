import { quotedIdentifier } from '@duckdb/node-api';

import { ColumnKind, columnKind } from './columnKind';
import type { CheckNode } from './focusModel';
import { RuleNotEvaluable } from './ruleNotEvaluable';
import type { CheckSettings } from './ruleOverrides';
import type { SqlParams } from './sqlParams';

/** What a check needs to become SQL: the relation's columns (name → DuckDB type), bound values and settings. */
export interface PredicateContext {
    columns: ReadonlyMap<string, string>;
    params: SqlParams;
    settings: CheckSettings;
    /** VIRTUAL_CURRENCY_SUPPORTED: currency columns may hold non-ISO (virtual) currency names. */
    virtualCurrency: boolean;
}

/** Turns one check node into SQL that is true where a row satisfies it. */
export type PredicateBuilder = (node: CheckNode, context: PredicateContext) => string;

export interface PredicateColumn {
    /** The quoted identifier. */
    sql: string;
    kind: ColumnKind;
    /** The DuckDB type name. */
    type: string;
}

/** The column a check argument names; throws RuleNotEvaluable when the argument or the column is missing. */
export function predicateColumn(node: CheckNode, argument: string, context: PredicateContext): PredicateColumn {
    const name = node[argument];
    if (typeof name !== 'string') throw new RuleNotEvaluable(`${String(node.CheckFunction)} has no ${argument}`);
    const type = context.columns.get(name);
    if (type === undefined) throw new RuleNotEvaluable(`column ${name} is not present`);
    return { sql: quotedIdentifier(name), kind: columnKind(type), type };
}

/** The column as a number: numeric columns as they are (casting DECIMAL to DOUBLE row by row is slow), text parsed. */
export const asNumber = (c: PredicateColumn): string =>
    c.kind === 'decimal' || c.kind === 'integer' ? c.sql : `try_cast(${c.sql} as double)`;

/** The column as a DOUBLE, for products: DECIMAL(38,18) × DECIMAL(38,18) overflows DuckDB's decimal scale. */
export const asDouble = (c: PredicateColumn): string =>
    c.kind === 'decimal' || c.kind === 'integer' ? `${c.sql}::double` : `try_cast(${c.sql} as double)`;
