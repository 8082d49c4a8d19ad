import { listValue } from '@duckdb/node-api';

import type { CheckNode } from './focusModel';
import { formatPredicates } from './formatPredicates';
import { nationalCurrencies } from './nationalCurrencies';
import { asDouble, asNumber, PredicateBuilder, predicateColumn as column, PredicateContext } from './predicateColumn';
import { RuleNotEvaluable } from './ruleNotEvaluable';

export type { PredicateContext } from './predicateColumn';

/**
 * Turns a row-level check into a SQL predicate that is true where the row satisfies it. As in the reference validator,
 * a row counts as violating only where the predicate is false, so a null compared with a value (CheckValue) is not a
 * violation: nullability has its own rules. CheckNotValue uses `is distinct from`, so a null ChargeClass is "not
 * Correction". Type and format checks accept nulls. Column-level checks (ColumnPresent, CheckDistinctCount,
 * CheckModelRule) are not row-level and are rejected here.
 */
export function checkPredicate(node: CheckNode, context: PredicateContext): string {
    const name = node.CheckFunction;
    if (name === undefined) throw new RuleNotEvaluable(`malformed check ${JSON.stringify(node)}`);
    const builder = builders[name] ?? formatPredicates[name];
    if (builder === undefined) throw new RuleNotEvaluable(`${name} is not a row-level check`);
    return builder(node, context);
}

function value(node: CheckNode, context: PredicateContext, negate: boolean): string {
    const c = column(node, 'ColumnName', context);
    const expected = node.Value;
    if (expected === null || expected === undefined) return `(${c.sql} is ${negate ? 'not ' : ''}null)`;
    const left = typeof expected === 'number' ? asNumber(c) : `${c.sql}::varchar`;
    const right = context.params.bind(expected);
    return negate ? `(${left} is distinct from ${right})` : `(${left} = ${right})`;
}

function combine(operator: 'and' | 'or'): PredicateBuilder {
    return (node, context) => {
        const items = node.Items ?? [];
        if (items.length === 0) throw new RuleNotEvaluable(`${String(node.CheckFunction)} has no Items`);
        return `(${items.map((item) => checkPredicate(item, context)).join(` ${operator} `)})`;
    };
}

const builders: Record<string, PredicateBuilder | undefined> = {
    AND: combine('and'),
    OR: combine('or'),
    CheckValue: (node, context) => value(node, context, false),
    CheckNotValue: (node, context) => value(node, context, true),
    CheckSameValue: (node, context) =>
        `(${column(node, 'ColumnAName', context).sql} is not distinct from ${column(node, 'ColumnBName', context).sql})`,
    CheckNotSameValue: (node, context) =>
        `(${column(node, 'ColumnAName', context).sql} is distinct from ${column(node, 'ColumnBName', context).sql})`,
    CheckGreaterOrEqualThanValue: (node, context) => {
        const c = column(node, 'ColumnName', context);
        if (typeof node.Value !== 'number') throw new RuleNotEvaluable('CheckGreaterOrEqualThanValue needs a number');
        return `(${c.sql} is null or coalesce(${asNumber(c)} >= ${context.params.bind(node.Value)}, false))`;
    },
    CheckDecimalValue: (node, context) => {
        const c = column(node, 'ColumnName', context);
        if (c.kind === 'integer' || c.type.startsWith('DECIMAL')) return 'true';
        if (c.kind !== 'decimal' && c.kind !== 'string') return `(${c.sql} is null)`;
        return `(${c.sql} is null or coalesce(isfinite(${asDouble(c)}), false))`;
    },
    CheckNationalCurrency: (node, context) => {
        const c = column(node, 'ColumnName', context);
        const codes = context.params.bind(listValue(nationalCurrencies()));
        return `(${c.sql} is null or list_contains(${codes}, ${c.sql}::varchar))`;
    },
    ColumnByColumnEqualsColumnValue: (node, context) => {
        const [a, b, result] = ['ColumnAName', 'ColumnBName', 'ResultColumnName'].map((arg) =>
            asDouble(column(node, arg, context)),
        ) as [string, string, string];
        const { absoluteTolerance, relativeTolerance } = context.settings;
        const product = `(${a} * ${b})`;
        const equal =
            absoluteTolerance === 0 && relativeTolerance === 0
                ? `${product} = ${result}`
                : `abs(${product} - ${result}) <= greatest(${context.params.bind(absoluteTolerance)}, ` +
                  `${context.params.bind(relativeTolerance)} * abs(${result}))`;
        return `(${a} is null or ${b} is null or ${result} is null or coalesce(${equal}, false))`;
    },
};
