import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../src/focus/loadAsset';
import { loadSampleSql } from '../src/sample/loadSampleSql';

/** The repository root, from `bench/` (ts-jest) or `dist/bench/` (compiled). */
const ROOT = join(__dirname, __dirname.includes(`${join('dist', 'bench')}`) ? '../..' : '..');

/**
 * Turns the sample generator's meters into the AI-heavy mix (bench/sql/bench_ai_meters.sql): real Foundry Models
 * token meters from the retail price snapshot join the sample's meters, so about seven rows in ten are token meters.
 * `keepOneIn` keeps one token meter in that many (by meter id): 6 gives a few hundred meters. Without the sample's
 * daily AI deployments.
 */
export function aiHeavyMeters(keepOneIn = 6): (connection: DuckDBConnection) => Promise<void> {
    return async (connection) => {
        await connection.run(loadSql('bench_ai_meters', join(ROOT, 'bench')), {
            retail_path: join(ROOT, 'src/focus/data/ai-meter-retail-prices.csv'),
            ai_meters_path: join(ROOT, 'src/focus/data/ai-meters.csv'),
            keep_one_in: keepOneIn,
        });
        // The AI-heavy mix draws its token meters on every row: the sample's daily AI deployments (which would take
        // the first rows and keep every other row off AI meters) are not part of it.
        await connection.run('delete from sample_ai_daily');
        await connection.run(loadSampleSql('sample_lookups'));
    };
}
