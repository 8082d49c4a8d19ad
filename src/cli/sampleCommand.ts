import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

import { withDuckDb } from '../adapters/duckdb';
import { readCliConfig } from '../config';
import { generateCapacitySample } from '../sample/capacity/generateCapacitySample';
import { generateSampleTree } from '../sample/generateSampleTree';
import { generateLegacySample } from '../sample/legacy/generateLegacySample';
import type { CommandModule } from './commandModule';

/** `finops-hub sample <dir>`: writes the bundled, deterministic sample export tree (the msexports layout). */
export const sampleCommand: CommandModule = (program, io) => {
    program
        .command('sample')
        .description(
            'Write the bundled sample Cost Management exports to <dir>: FocusCost over several months (CSV.gz and Parquet), legacy EA and MCA actual and amortized cost, EA price sheets, reservation details, recommendations and transactions, and a shared AI account with its telemetry.',
        )
        .argument('<dir>', 'folder to (re)create as an msexports container')
        .action(async (dir: string) => {
            const root = resolve(dir);
            rmSync(root, { recursive: true, force: true });
            mkdirSync(root, { recursive: true });
            const runs = await withDuckDb(readCliConfig().duckdb, (connection) => generateSampleTree(connection, root));
            const legacy = generateLegacySample(root);
            const capacity = generateCapacitySample(root);
            const focus = runs.filter((run) => run.type === 'FocusCost');
            const rows = focus.reduce((sum, run) => sum + run.totals.rows, 0);
            const legacyRuns = legacy.reduce((sum, month) => sum + month.manifestNames.length, 0);
            io.stderr(
                `Sample: ${focus.length} FocusCost export runs (${rows} rows), ${runs.length - focus.length} price sheet ` +
                    `and reservation export runs, ${legacyRuns} legacy actual/amortized cost runs, and a shared AI account ` +
                    `(1 FocusCost run, ${capacity.telemetryManifests.length} telemetry folders), written to ${root}\n`,
            );
        });
};
