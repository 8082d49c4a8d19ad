import { DuckDBConnection } from '@duckdb/node-api';

import { checkPredicate } from '../../../src/focus/validation/checkPredicate';
import type { CheckNode } from '../../../src/focus/validation/focusModel';
import { RuleNotEvaluable } from '../../../src/focus/validation/ruleNotEvaluable';
import { CheckSettings, referenceCheckSettings } from '../../../src/focus/validation/ruleOverrides';
import { SqlParams } from '../../../src/focus/validation/sqlParams';
import { withConnection } from '../../helpers/withConnection';

interface Case {
    /** `select` producing the table; it must have an `id` column. */
    table: string;
    check: CheckNode;
    /** Ids of the rows that violate the check. */
    violating: number[];
    settings?: Partial<CheckSettings>;
    virtualCurrency?: boolean;
}

async function violatingIds(connection: DuckDBConnection, { table, check, settings, virtualCurrency }: Case) {
    await connection.run(`create or replace table t as ${table}`);
    const described = (await connection.runAndReadAll('describe t')).getRowObjectsJson();
    const params = new SqlParams();
    const predicate = checkPredicate(check, {
        columns: new Map(described.map((row) => [row.column_name as string, row.column_type as string])),
        params,
        settings: { ...referenceCheckSettings, ...settings },
        virtualCurrency: virtualCurrency ?? false,
    });
    const sql = `select id from t where not ${predicate} order by id`;
    return (await connection.runAndReadAll(sql, params.for(sql))).getRowObjectsJson().map((row) => Number(row.id));
}

const values = (type: string, ...items: string[]) =>
    `select * from (values ${items.map((item, index) => `(${index + 1}, ${item}::${type})`).join(', ')}) v(id, c)`;
const pairs = (...items: string[]) => `select * from (values ${items.join(', ')}) v(id, a, b)`;
const col = (CheckFunction: string, extra: Partial<CheckNode> = {}): CheckNode => ({
    CheckFunction,
    ColumnName: 'c',
    ...extra,
});

const cases: Record<string, Case> = {
    'TypeString passes text': { table: values('varchar', "'x'", 'null'), check: col('TypeString'), violating: [] },
    'TypeString fails numbers': { table: values('integer', '1', 'null'), check: col('TypeString'), violating: [1] },
    'TypeDecimal passes DECIMAL': { table: values('decimal(38,18)', '1.5'), check: col('TypeDecimal'), violating: [] },
    'TypeDecimal passes DOUBLE': { table: values('double', '1.5'), check: col('TypeDecimal'), violating: [] },
    'TypeDecimal fails text': { table: values('varchar', "'1.5'", 'null'), check: col('TypeDecimal'), violating: [1] },
    'TypeDateTime passes TIMESTAMPTZ': {
        table: values('timestamptz', "'2026-01-01T00:00:00Z'"),
        check: col('TypeDateTime'),
        violating: [],
    },
    'TypeDateTime checks text': {
        table: values('varchar', "'2026-01-01T00:00:00Z'", "'5/1/25'"),
        check: col('TypeDateTime'),
        violating: [2],
    },
    'FormatDateTime checks text': {
        table: values('varchar', "'2026-01-01T00:00:00Z'", "'2026-01-01 00:00:00'", "'2026-01-01T00:00:00+01:00'"),
        check: col('FormatDateTime'),
        violating: [2, 3],
    },
    'FormatString rejects blank and, by default, non-ASCII': {
        table: values('varchar', "'abc'", "''", "'  '", "'Zürich'", 'null'),
        check: col('FormatString'),
        violating: [2, 3, 4],
    },
    'FormatString accepts Unicode when AsciiOnly is off': {
        table: values('varchar', "'Zürich'", "'東京'", "''"),
        check: col('FormatString'),
        settings: { asciiOnly: false },
        violating: [3],
    },
    'FormatNumeric checks text': {
        table: values('varchar', "'1.5'", "'-2e-3'", "'$10,000.00 '", "'1,5'", 'null'),
        check: col('FormatNumeric'),
        violating: [3, 4],
    },
    'FormatNumeric passes numbers': {
        table: values('decimal(38,18)', '1'),
        check: col('FormatNumeric'),
        violating: [],
    },
    'FormatUnit checks the unit format': {
        table: values('varchar', "'GB-Hours'", "'1000 Tokens'", "'GB/Hour'", "'Hours'", "'%'", "'1,000 Tokens'"),
        check: col('FormatUnit'),
        violating: [5, 6],
    },
    'FormatCurrency wants three capitals': {
        table: values('varchar', "'USD'", "'usd'", "'US$'", "'Credits'"),
        check: col('FormatCurrency'),
        violating: [2, 3, 4],
    },
    'FormatCurrency accepts virtual currencies when supported': {
        table: values('varchar', "'USD'", "'Credits'", "' '"),
        check: col('FormatCurrency'),
        virtualCurrency: true,
        violating: [3],
    },
    'FormatKeyValue wants a flat JSON object': {
        table: values(
            'varchar',
            '\'{"a": 1, "b": "x", "c": true, "d": null}\'',
            "'{}'",
            "'not json'",
            "'[1]'",
            '\'{"a": {"b": 1}}\'',
        ),
        check: col('FormatKeyValue'),
        violating: [3, 4, 5],
    },
    'FormatKeyValue passes a MAP column': {
        table: values('map(varchar, varchar)', "map {'a': 'b'}"),
        check: col('FormatKeyValue'),
        violating: [],
    },
    'CheckValue null means is null': {
        table: values('varchar', 'null', "'x'"),
        check: col('CheckValue', { Value: null }),
        violating: [2],
    },
    'CheckValue compares, nulls are not violations': {
        table: values('varchar', "'Usage'", "'Tax'", 'null'),
        check: col('CheckValue', { Value: 'Usage' }),
        violating: [2],
    },
    'CheckValue compares numbers': {
        table: values('decimal(38,18)', '0', '0.5'),
        check: col('CheckValue', { Value: 0 }),
        violating: [2],
    },
    'CheckNotValue null means is not null': {
        table: values('varchar', 'null', "'x'"),
        check: col('CheckNotValue', { Value: null }),
        violating: [1],
    },
    'CheckNotValue treats null as a different value': {
        table: values('varchar', "'Correction'", 'null', "'x'"),
        check: col('CheckNotValue', { Value: 'Correction' }),
        violating: [1],
    },
    CheckSameValue: {
        table: pairs("(1, 'a', 'a')", "(2, 'a', 'b')", '(3, null, null)', "(4, 'a', null)"),
        check: { CheckFunction: 'CheckSameValue', ColumnAName: 'a', ColumnBName: 'b' },
        violating: [2, 4],
    },
    CheckNotSameValue: {
        table: pairs("(1, 'a', 'a')", "(2, 'a', 'b')", "(3, 'a', null)"),
        check: { CheckFunction: 'CheckNotSameValue', ColumnAName: 'a', ColumnBName: 'b' },
        violating: [1],
    },
    'CheckDecimalValue checks text and infinities': {
        table: values('varchar', "'1.5'", "'abc'", "'inf'", 'null'),
        check: col('CheckDecimalValue'),
        violating: [2, 3],
    },
    'CheckDecimalValue passes decimals': {
        table: values('decimal(38,18)', '1.5'),
        check: col('CheckDecimalValue'),
        violating: [],
    },
    CheckGreaterOrEqualThanValue: {
        table: values('decimal(38,18)', '0', '1', '-0.01', 'null'),
        check: col('CheckGreaterOrEqualThanValue', { Value: 0 }),
        violating: [3],
    },
    CheckNationalCurrency: {
        table: values('varchar', "'USD'", "'EUR'", "'XOF'", "'XXX'", "'XAU'", "'ABC'"),
        check: col('CheckNationalCurrency'),
        violating: [4, 5, 6],
    },
    'ColumnByColumnEqualsColumnValue is exact as the model says': {
        table: 'select * from (values (1, 2.0, 3.0, 6.0), (2, 2.0, 3.0, 6.00001), (3, null, 3.0, 1.0)) v(id, a, b, c)',
        check: {
            CheckFunction: 'ColumnByColumnEqualsColumnValue',
            ColumnAName: 'a',
            ColumnBName: 'b',
            ResultColumnName: 'c',
        },
        violating: [2],
    },
    'ColumnByColumnEqualsColumnValue with a tolerance': {
        table: 'select * from (values (1, 2.0, 3.0, 6.0), (2, 2.0, 3.0, 6.00001), (3, 2.0, 3.0, 7.0)) v(id, a, b, c)',
        check: {
            CheckFunction: 'ColumnByColumnEqualsColumnValue',
            ColumnAName: 'a',
            ColumnBName: 'b',
            ResultColumnName: 'c',
        },
        settings: { absoluteTolerance: 0.0001, relativeTolerance: 0.0001 },
        violating: [3],
    },
    AND: {
        table: values('varchar', "'Usage'", "'Tax'"),
        check: {
            CheckFunction: 'AND',
            Items: [col('CheckNotValue', { Value: null }), col('CheckValue', { Value: 'Usage' })],
        },
        violating: [2],
    },
    OR: {
        table: values('varchar', "'Used'", "'Unused'", "'Active'"),
        check: {
            CheckFunction: 'OR',
            Items: [col('CheckValue', { Value: 'Used' }), col('CheckValue', { Value: 'Unused' })],
        },
        violating: [3],
    },
};

describe('checkPredicate', () => {
    test.each(Object.entries(cases))('%s', async (_name, testCase) => {
        await withConnection(async (connection) => {
            expect(await violatingIds(connection, testCase)).toEqual(testCase.violating);
        });
    });

    test('quotes identifiers and binds values', async () => {
        await withConnection(async (connection) => {
            const table = `select 1 as id, 'it''s' as "odd ""name"""`;
            const check = { CheckFunction: 'CheckValue', ColumnName: 'odd "name"', Value: "it's" };
            expect(await violatingIds(connection, { table, check, violating: [] })).toEqual([]);
        });
    });

    test('a missing column, a malformed node or a column-level check cannot become a row predicate', () => {
        const context = {
            columns: new Map([['c', 'VARCHAR']]),
            params: new SqlParams(),
            settings: referenceCheckSettings,
            virtualCurrency: false,
        };
        expect(() => checkPredicate({ CheckFunction: 'TypeString', ColumnName: 'd' }, context)).toThrow(
            RuleNotEvaluable,
        );
        expect(() => checkPredicate({ AND: { CheckFunction: 'CheckValue' } }, context)).toThrow('malformed check');
        expect(() => checkPredicate({ CheckFunction: 'ColumnPresent', ColumnName: 'c' }, context)).toThrow(
            'not a row-level check',
        );
    });
});
