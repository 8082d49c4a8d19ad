import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { quotedString } from '@duckdb/node-api';

import { benchInput } from '../../../../bench/benchInput';
import { costStaging } from '../../../../src/focus/datasets/costs/costStaging';
import { stageCostPart } from '../../../../src/focus/datasets/costs/stageCostPart';
import { defaultTagAliases } from '../../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { partColumns } from '../../../../src/focus/datasets/partReader';
import { prepareFocus } from '../../../../src/focus/prepareFocus';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

// A gzip CSV part is staged once into typed Parquet and read twice (stageCostPart); the same part inflated first is
// read twice as text. Both must write the same rows, with the same column types, and reconcile to the same totals.
describe('a gzip CSV part staged once', () => {
    it('converts to what the same part gives read as plain text, and leaves no staged copy', async () => {
        await withConnection(async (connection, dir) => {
            const part = await benchInput(join(dir, 'data'), 4000, 'csv', 'ai');
            expect(part.path.endsWith('.csv.gz')).toBe(true);
            const plain = join(dir, 'part.csv');
            await pipeline(createReadStream(part.path), createGunzip(), createWriteStream(plain));
            mkdirSync(join(dir, 'out'));
            const input = { format: 'csv' as const, dataVersion: part.dataVersion, name: 'part' };
            const staged = join(dir, 'out', 'gzip.parquet');
            const text = join(dir, 'out', 'text.parquet');
            const options = { tagAliases: defaultTagAliases() };
            const [fromStaged, fromText] = [
                await transformCosts(connection, { ...input, path: part.path }, staged, options),
                await transformCosts(connection, { ...input, path: plain }, text, options),
            ];
            expect(fromStaged).toEqual(fromText);
            expect(fromStaged.rows).toBe(4000);
            expect(readdirSync(join(dir, 'out')).sort()).toEqual(['gzip.parquet', 'text.parquet']);

            const read = (path: string) => `(select * exclude (x_IngestionTime) from ${quotedString(path)})`;
            const types = (path: string) =>
                `(select string_agg(column_name || ' ' || column_type, ', ') from (describe select * from ${quotedString(path)}))`;
            const [counts] = await rowsOf(
                connection,
                `select
                    (select count(*) from (select * from ${read(staged)} except all select * from ${read(text)}))
                        as only_staged,
                    (select count(*) from (select * from ${read(text)} except all select * from ${read(staged)}))
                        as only_text,
                    ${types(staged)} = ${types(text)} as same_types,
                    (select count(x_ModelId) from ${read(staged)}) as ai_rows`,
            );
            expect(counts).toMatchObject({ only_staged: '0', only_text: '0', same_types: true });
            expect(Number(counts?.ai_rows)).toBeGreaterThan(2000);
        });
    }, 120_000);

    it('stages only a gzip CSV up to its size limit, and removes the copy', async () => {
        await withConnection(async (connection, dir) => {
            await prepareFocus(connection);
            const part = await benchInput(join(dir, 'data'), 500, 'csv', 'sample');
            const output = join(dir, 'out.parquet');
            const stage = async (path: string, maxBytes?: number) => {
                const input = { path, format: 'csv' as const, dataVersion: part.dataVersion, name: 'part' };
                const columns = await partColumns(connection, input);
                const staging = costStaging(input, columns);
                return { staged: await stageCostPart(connection, input, staging, output, maxBytes), staging };
            };
            const gzip = await stage(part.path);
            expect(gzip.staged.rows).toBe(500);
            expect(existsSync(`${output}.staged.parquet`)).toBe(true);
            expect(gzip.staged.scan(['BilledCost'])).toMatch(/read_parquet/);
            // The copy keeps the ledger's own reading of the export's amounts; the chain's query leaves it out.
            const [ledger] = await rowsOf(
                connection,
                `select count(hub_ledger_0) as ledger, count(*) filter (hub_ledger_0 is distinct from BilledCost) as differ,
                        (select count(*) from (describe ${gzip.staged.select()}) where column_name like 'hub_ledger%') as in_chain
                 from (${gzip.staged.scan(['BilledCost'])})`,
            );
            expect(ledger).toEqual({ ledger: '500', differ: '0', in_chain: '0' });
            gzip.staged.remove();
            expect(existsSync(`${output}.staged.parquet`)).toBe(false);

            const large = await stage(part.path, 1024);
            expect(large.staged.rows).toBeUndefined();
            expect(large.staged.select()).toBe(large.staging());
            expect(existsSync(`${output}.staged.parquet`)).toBe(false);

            const plain = join(dir, 'part.csv');
            await pipeline(createReadStream(part.path), createGunzip(), createWriteStream(plain));
            const text = await stage(plain);
            expect(text.staged.rows).toBeUndefined();
            expect(text.staged.select()).toBe(text.staging());
            expect(existsSync(`${output}.staged.parquet`)).toBe(false);
        });
    }, 60_000);
});
