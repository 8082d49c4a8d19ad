import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { classifyReadError } from '../../src/focus/classifyDuckDbError';
import { withConnection } from '../helpers/withConnection';

describe('classifyReadError', () => {
    it('names the part, not the scratch copy DuckDB read', async () => {
        await withConnection(async (connection, dir) => {
            const local = join(dir, 'input.parquet');
            writeFileSync(local, 'not parquet at all');
            const error: unknown = await connection
                .run(`select * from read_parquet(${quotedString(local)})`)
                .catch((e: unknown) => e);
            const classified = classifyReadError(error, 'exports/run/part_0_0001.parquet');
            expect(classified.code).toBe('PartCorrupt');
            expect(classified.message).toMatch(/^Part exports\/run\/part_0_0001\.parquet cannot be read .*the part/);
            expect(classified.message).not.toContain(dir);
        });
    });
});
