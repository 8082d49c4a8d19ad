import { quotedString } from '@duckdb/node-api';

import type { ColumnKind } from './columnKind';
import type { CheckNode } from './focusModel';
import { PredicateBuilder, predicateColumn, PredicateContext } from './predicateColumn';

const DATE_TIME = quotedString('\\d{4}-[01]\\d-[0-3]\\dT[0-2]\\d:[0-5]\\d:[0-5]\\dZ');
const NUMERIC = quotedString('[+-]?([0-9]*[.])?[0-9]+([eE][+-]?[0-9]+)?');
const CURRENCY = quotedString('[A-Z]{3}');
const UNIT = quotedString('([0-9]+ )?[A-Za-z][A-Za-z0-9 ()]*([-/][A-Za-z][A-Za-z0-9 ()]*)?');
const ASCII = quotedString('[\\x00-\\x7F]*');
const BLANK = quotedString('\\s*');

/** True where the column is null or its text matches `pattern`; columns of an `okKinds` type always pass. */
function textMatches(pattern: string, okKinds: ColumnKind[]): PredicateBuilder {
    return (node, context) => {
        const c = predicateColumn(node, 'ColumnName', context);
        if (okKinds.includes(c.kind)) return 'true';
        if (c.kind === 'string') return `(${c.sql} is null or regexp_full_match(${c.sql}, ${pattern}))`;
        return `(${c.sql} is null)`;
    };
}

function typeIs(kinds: ColumnKind[]): PredicateBuilder {
    return (node, context) => {
        const c = predicateColumn(node, 'ColumnName', context);
        return kinds.includes(c.kind) ? 'true' : `(${c.sql} is null)`;
    };
}

/** Not blank (NullHandling-A-002-M) and, when the settings say so, ASCII only. */
function formatString(node: CheckNode, context: PredicateContext): string {
    const c = predicateColumn(node, 'ColumnName', context);
    if (c.kind !== 'string') return 'true';
    const ascii = context.settings.asciiOnly ? ` and regexp_full_match(${c.sql}, ${ASCII})` : '';
    return `(${c.sql} is null or (not regexp_full_match(${c.sql}, ${BLANK})${ascii}))`;
}

/** A JSON object whose values are scalars (KeyValueFormat); a MAP column is one by construction. */
function formatKeyValue(node: CheckNode, context: PredicateContext): string {
    const c = predicateColumn(node, 'ColumnName', context);
    if (c.kind === 'map') return 'true';
    if (c.kind !== 'string') return `(${c.sql} is null)`;
    const values = `json_extract(${c.sql}, '$.*')`;
    const nested = `list_bool_or(list_transform(${values}, lambda v: json_type(v) in ('OBJECT', 'ARRAY')))`;
    return (
        `(${c.sql} is null or case when json_valid(${c.sql}) then json_type(${c.sql}) = 'OBJECT' ` +
        `and not coalesce(${nested}, false) else false end)`
    );
}

const currencyCode = textMatches(CURRENCY, []);

/**
 * The Type* and Format* check functions. Columns of the right DuckDB type pass; text columns are checked value by
 * value with the patterns of the reference validator (DateTime `YYYY-MM-DDTHH:mm:ssZ`, numbers, `[A-Z]{3}`).
 */
export const formatPredicates: Record<string, PredicateBuilder> = {
    TypeString: typeIs(['string']),
    TypeDecimal: typeIs(['decimal']),
    TypeDateTime: textMatches(DATE_TIME, ['temporal']),
    FormatDateTime: textMatches(DATE_TIME, ['temporal']),
    FormatNumeric: textMatches(NUMERIC, ['decimal', 'integer']),
    FormatUnit: textMatches(UNIT, []),
    FormatCurrency: (node, context) => (context.virtualCurrency ? formatString : currencyCode)(node, context),
    FormatString: formatString,
    FormatKeyValue: formatKeyValue,
};
