import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { Workspace } from '../pipeline/ports';
import { type DuckDbSettings, withDuckDb } from './duckdb';
import { verifyGzip } from './verifyGzip';

/** The pipeline's scratch space on the local disk (`tempDirectory`) and its DuckDB sessions. */
export function createLocalWorkspace(settings: DuckDbSettings): Workspace {
    return {
        async withScratch(work) {
            const dir = await mkdtemp(join(settings.tempDirectory, 'hub-'));
            try {
                return await work(dir);
            } finally {
                await rm(dir, { recursive: true, force: true });
            }
        },
        withDuckDb: (work) => withDuckDb(settings, work),
        verifyGzip,
    };
}
