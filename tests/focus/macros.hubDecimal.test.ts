import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api';

import { prepareFocus } from '../../src/focus/prepareFocus';
import { rowsOf, withConnection } from '../helpers/withConnection';

/** The generic cast hub_decimal must match, value for value and error for error. */
const GENERIC = "cast(nullif(trim(v), '') as decimal(38, 18))";

const AWKWARD = [
    '0',
    '-0',
    '+0',
    '-0.0',
    '1',
    '+1.5',
    '-1.5',
    '5.',
    '.5',
    '-.5',
    '',
    '   ',
    ' 7.25 ',
    '0.000000000000000001',
    '-0.000000000000000001',
    '0.0000000000000000005',
    '0.0000000000000000004999',
    '-0.0000000000000000005',
    '0.0000496065685939103754949709',
    '1234567890.123456789012345678',
    '1234567890.1234567890123456785',
    '-9876543210.9876543210987654321',
    '123456789012345678.123456789012345678',
    '999999999999999999.999999999999999999',
    '1000000000000000000',
    '99999999999999999999.999999999999999999',
    '99999999999999999999.9999999999999999995',
    '-99999999999999999999.999999999999999999',
    '100000000000000000000',
    '1e20',
    '9.9E19',
    '5.64902E-05',
    '-5.64902e-05',
    '1.5E+3',
    '00000000000000000012.5',
    '12.500000000000000000000000',
    'abc',
    '1.2.3',
    '--1',
    '1,5',
    'NaN',
];

/** hub_decimal(v) as text, or the word "error" when it raises. */
async function decimalOf(connection: DuckDBConnection, expression: string, value: string): Promise<string | null> {
    try {
        const [row] = await rowsOf(
            connection,
            `select (${expression})::varchar as d from (select ${quote(value)} as v)`,
        );
        return (row?.d ?? null) as string | null;
    } catch {
        return 'error';
    }
}

function quote(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/** Deterministic export-like numbers: signs, 0–20 integer digits, 0–28 fraction digits, some exponents and blanks. */
function generatedValues(count: number): string[] {
    let state = 20260801;
    const next = (limit: number): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % limit;
    };
    const digits = (length: number): string => Array.from({ length }, () => String(next(10))).join('');
    return Array.from({ length: count }, () => {
        const sign = ['', '', '', '-', '+'][next(5)] ?? '';
        const whole = digits(next(21));
        const fraction = next(4) === 0 ? '' : `.${digits(next(29))}`;
        const exponent = next(10) === 0 ? `E${['-', '+', ''][next(3)] ?? ''}${String(next(12)).padStart(2, '0')}` : '';
        const text = `${sign}${whole || '0'}${fraction}${exponent}`;
        return next(50) === 0 ? ` ${text} ` : next(50) === 0 ? '' : text;
    });
}

describe('hub_decimal', () => {
    it('gives exactly what the generic DECIMAL(38,18) cast gives on awkward values, errors included', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            const [type] = await rowsOf(connection, "select typeof(hub_decimal('1.5')) as t");
            expect(type?.t).toBe('DECIMAL(38,18)');
            for (const value of AWKWARD) {
                const expected = await decimalOf(connection, GENERIC, value);
                expect([value, await decimalOf(connection, 'hub_decimal(v)', value)]).toEqual([value, expected]);
            }
            expect(await decimalOf(connection, 'hub_decimal(v)', '-0.0000496065685939103754949709')).toBe(
                '-0.000049606568593910',
            );
            expect(await decimalOf(connection, 'hub_decimal(v)', '1e20')).toBe('error');
        });
    });

    it('matches the generic cast on thousands of generated values', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            const values = generatedValues(5000);
            await connection.run(
                'create temp table generated as select unnest($values) as v',
                {
                    values: listValue(values),
                },
                { values: LIST(VARCHAR) },
            );
            const [counts] = await rowsOf(
                connection,
                `with compared as (
                    select v, try_cast(nullif(trim(v), '') as decimal(38, 18)) as expected from generated
                 )
                 select count(*)::int as total,
                        count(expected)::int as castable,
                        count_if(hub_decimal(v) is distinct from expected)::int as different
                 from compared
                 where expected is not null or trim(v) = ''`,
            );
            expect(counts).toEqual({ total: expect.any(Number), castable: expect.any(Number), different: 0 });
            expect(counts?.castable).toBeGreaterThan(4000);
            const rejected = await rowsOf(
                connection,
                `select v from generated where try_cast(nullif(trim(v), '') as decimal(38, 18)) is null and trim(v) <> ''`,
            );
            expect(rejected.length).toBeGreaterThan(0);
            for (const { v } of rejected)
                expect(await decimalOf(connection, 'hub_decimal(v)', String(v))).toBe('error');
        });
    });

    it('reads the value of a JSON cost with every digit, not through DOUBLE', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            const json = '{"value": 110687.04295849097377604, "currency": "USD"}';
            expect(await decimalOf(connection, 'hub_json_decimal(v)', json)).toBe('110687.042958490973776040');
            expect(await decimalOf(connection, 'hub_json_decimal(v)', '{"value": "-1.5E-05"}')).toBe(
                '-0.000015000000000000',
            );
            expect(await decimalOf(connection, 'hub_json_decimal(v)', '12.500000000000000001')).toBe(
                '12.500000000000000001',
            );
            expect(await decimalOf(connection, 'hub_json_decimal(v)', '{"value": "abc"}')).toBe('error');
        });
    });
});

// The reconciliation ledger reads amounts by other code than hub_decimal (docs/reconciliation.md), but must read
// the same value: exactly what the generic cast gives, errors included.
describe('hub_ledger_decimal', () => {
    it('gives exactly what the generic DECIMAL(38,18) cast gives, on awkward and generated values', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            for (const value of AWKWARD) {
                const expected = await decimalOf(connection, GENERIC, value);
                expect([value, await decimalOf(connection, 'hub_ledger_decimal(v)', value)]).toEqual([value, expected]);
            }
            await connection.run(
                'create temp table ledger_values as select unnest($values) as v',
                { values: listValue(generatedValues(5000)) },
                { values: LIST(VARCHAR) },
            );
            const [counts] = await rowsOf(
                connection,
                `select count(*)::int as castable,
                        count_if(hub_ledger_decimal(v) is distinct from ${GENERIC})::int as different
                 from ledger_values where try_cast(nullif(trim(v), '') as decimal(38, 18)) is not null`,
            );
            expect(counts?.different).toBe(0);
            expect(counts?.castable).toBeGreaterThan(4000);
            expect(await decimalOf(connection, 'hub_ledger_decimal(v)', '-0.5')).toBe('-0.500000000000000000');
        });
    });
});
