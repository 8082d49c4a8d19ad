import type { DuckDBConnection } from '@duckdb/node-api';

import { prepareFocus } from '../../src/focus/prepareFocus';
import { rowsOf, withConnection } from '../helpers/withConnection';

/** hub_datetime as it was before its fast path: the form whose values and errors it must keep. */
const PATTERN_ONLY = `cast(
    case
        when length(v) = 17 and regexp_full_match(v, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z') then left(v, 16) || ':00Z'
        else nullif(trim(v), '')
    end as timestamptz
)`;

const AWKWARD = [
    '2026-08-01T00:00:00Z',
    '2026-08-31T23:59:59Z',
    '2024-01-01T00:00Z',
    '2024-02-29T12:34Z',
    '2026-08-01T00:00:00.1234567Z',
    '2026-08-01T00:00:00+02:00',
    '2026-08-01T00:00:00-05:30',
    '2026-08-01 00:00:00',
    '2026-08-01',
    ' 2026-08-01T00:00:00Z ',
    ' 2024-01-01T00:00Z',
    '',
    '   ',
    '09/21/2023',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00Z',
    'not a date',
];

async function datetimeOf(connection: DuckDBConnection, expression: string, value: string): Promise<string | null> {
    try {
        const [row] = await rowsOf(
            connection,
            `select (${expression})::varchar as d from (select '${value.replace(/'/g, "''")}' as v)`,
        );
        return (row?.d ?? null) as string | null;
    } catch {
        return 'error';
    }
}

describe('hub_datetime', () => {
    it('gives what the pattern-only form gives, value for value and error for error', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            await connection.run("set TimeZone = 'UTC'");
            for (const value of AWKWARD) {
                const expected = await datetimeOf(connection, PATTERN_ONLY, value);
                expect([value, await datetimeOf(connection, 'hub_datetime(v)', value)]).toEqual([value, expected]);
            }
            expect(await datetimeOf(connection, 'hub_datetime(v)', '2024-01-01T00:00Z')).toBe('2024-01-01 00:00:00+00');
            expect(await datetimeOf(connection, 'hub_datetime(v)', 'not a date')).toBe('error');
            // The cast alone reads these as the years 9 and 26; hub_datetime reads ISO 8601 with four-digit years only.
            for (const value of ['9/1/26', '26/9/1', '26-09-01', '01/09/2026']) {
                expect([value, await datetimeOf(connection, 'hub_datetime(v)', value)]).toEqual([value, 'error']);
            }
            expect(await datetimeOf(connection, 'hub_us_datetime(v)', '9/1/2026')).toBe('2026-09-01 00:00:00+00');
            expect(await datetimeOf(connection, 'hub_us_datetime(v)', '9/1/26')).toBe('error');
            expect(await datetimeOf(connection, 'hub_us_datetime(v)', '13/01/2026')).toBe('error');
            expect(await datetimeOf(connection, 'hub_yyyymmdd_datetime(v)', '20260901')).toBe('2026-09-01 00:00:00+00');
            expect(await datetimeOf(connection, 'hub_yyyymmdd_datetime(v)', '260901')).toBe('error');
        });
    });
});
