import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { chunkStatistics, readFooter, statisticsBinary } from '../../../src/focus/parquet/parquetFooter';
import { stripMinMaxStatistics } from '../../../src/focus/parquet/stripMinMaxStatistics';
import { rowsOf, withConnection } from '../../helpers/withConnection';

const STATS = `path_in_schema as col, row_group_id::int as rg, stats_min, stats_max, stats_min_value, stats_max_value,
    stats_null_count`;

describe('stripMinMaxStatistics', () => {
    it('drops one column’s min/max from the footer only: same bytes before it, same rows, other statistics kept', async () => {
        await withConnection(async (connection, dir) => {
            const original = join(dir, 'original.parquet');
            await connection.run(
                `copy (
                    select
                        timestamptz '2026-08-01 00:00:00+00' + to_days((i % 31)::integer) as ChargePeriodStart,
                        timestamptz '2026-08-02 00:00:00+00' + to_days((i % 31)::integer) as ChargePeriodEnd,
                        (i * 1.000000000000000001)::decimal(38, 18) as BilledCost,
                        case when i % 3 = 0 then null else 'meter ' || (i % 7) end as SkuMeter,
                        i % 2 = 0 as x_Flag,
                    from range(5000) as t(i)
                ) to ${quotedString(original)} (format parquet, compression zstd, row_group_size 2048)`,
            );
            const stripped = join(dir, 'stripped.parquet');
            copyFileSync(original, stripped);
            const before = readFooter(original);
            const chunks = chunkStatistics(before.bytes);
            expect(new Set(chunks.map((c) => c.rowGroup))).toEqual(new Set([0, 1, 2]));
            expect(
                chunks.filter((c) => c.column === 'ChargePeriodStart').map((c) => statisticsBinary(c, 6)?.length),
            ).toEqual([8, 8, 8]);

            expect(stripMinMaxStatistics(stripped, 'ChargePeriodStart')).toBe(true);
            const bytes = readFileSync(stripped);
            expect(bytes.subarray(0, before.start).equals(readFileSync(original).subarray(0, before.start))).toBe(true);
            expect(stripMinMaxStatistics(stripped, 'ChargePeriodStart')).toBe(false);
            expect(readFileSync(stripped).equals(bytes)).toBe(true);

            const read = (path: string) => `read_parquet(${quotedString(path)})`;
            const differences = await rowsOf(
                connection,
                `select count(*)::int as n from (
                    (select * from ${read(original)} except all select * from ${read(stripped)})
                    union all
                    (select * from ${read(stripped)} except all select * from ${read(original)}))`,
            );
            expect(differences).toEqual([{ n: 0 }]);
            const sums = `select count(*)::int as n, sum(BilledCost)::varchar as billed,
                min(ChargePeriodStart)::varchar as first from `;
            expect(await rowsOf(connection, sums + read(stripped))).toEqual(
                await rowsOf(connection, sums + read(original)),
            );
            expect(
                await rowsOf(
                    connection,
                    `select count(*)::int as n from ${read(stripped)} where ChargePeriodStart >= '2026-08-31'`,
                ),
            ).toEqual(
                await rowsOf(
                    connection,
                    `select count(*)::int as n from ${read(original)} where ChargePeriodStart >= '2026-08-31'`,
                ),
            );

            const metadata = (path: string, where: string) =>
                rowsOf(
                    connection,
                    `select ${STATS} from parquet_metadata(${quotedString(path)}) where ${where} order by all`,
                );
            expect(await metadata(stripped, `path_in_schema = 'ChargePeriodStart'`)).toEqual(
                [0, 1, 2].map((rg) => ({
                    col: 'ChargePeriodStart',
                    rg,
                    stats_min: null,
                    stats_max: null,
                    stats_min_value: null,
                    stats_max_value: null,
                    stats_null_count: '0',
                })),
            );
            const others = `path_in_schema <> 'ChargePeriodStart'`;
            expect(await metadata(stripped, others)).toEqual(await metadata(original, others));
        });
    });

    it('leaves a file without the column, or without its statistics, untouched', async () => {
        await withConnection(async (connection, dir) => {
            const path = join(dir, 'other.parquet');
            await connection.run(`copy (select 1 as x, null::timestamp as ChargePeriodStart) to ${quotedString(path)}`);
            const bytes = readFileSync(path);
            expect(stripMinMaxStatistics(path, 'ChargePeriodStart')).toBe(false);
            expect(stripMinMaxStatistics(path, 'Missing')).toBe(false);
            expect(readFileSync(path).equals(bytes)).toBe(true);
        });
    });
});
