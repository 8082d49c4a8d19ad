import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

import { withDuckDb } from '../adapters/duckdb';
import { readCliConfig } from '../config';
import { generateSampleTree } from '../sample/generateSampleTree';
import { CommandModule } from './finopsHub';

/** `finops-hub sample <dir>`: writes the bundled, deterministic sample export tree (the msexports layout). */
export const sampleCommand: CommandModule = (program, io) => {
    program
        .command('sample')
        .description('Write the bundled sample Cost Management exports (several months, CSV.gz and Parquet) to <dir>.')
        .argument('<dir>', 'folder to (re)create as an msexports container')
        .action(async (dir: string) => {
            const root = resolve(dir);
            rmSync(root, { recursive: true, force: true });
            mkdirSync(root, { recursive: true });
            const runs = await withDuckDb(readCliConfig().duckdb, (connection) => generateSampleTree(connection, root));
            const rows = runs.reduce((sum, run) => sum + run.totals.rows, 0);
            io.stderr(`Sample: ${runs.length} export runs, ${rows} rows, written to ${root}\n`);
        });
};
