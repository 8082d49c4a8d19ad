import { join } from 'node:path';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { generateSampleTree } from '../../src/sample/generateSampleTree';
import { withConnection } from './withConnection';

/**
 * Writes the bundled sample exports under `dir` and processes them as `npm start` does (FOCUS validation off: not
 * what these tests look at); returns the ingestion folder.
 */
export async function sampleIngestion(dir: string): Promise<string> {
    await withConnection((connection) => generateSampleTree(connection, join(dir, 'msexports')));
    const ingestion = join(dir, 'ingestion');
    const validation = process.env.HUB_VALIDATION;
    process.env.HUB_VALIDATION = 'off';
    const state = join(ingestion, '.finops-hub');
    const { runs } = await processExports(createLocalDeps(join(dir, 'msexports'), ingestion, state, () => {})).finally(
        () => {
            if (validation === undefined) delete process.env.HUB_VALIDATION;
            else process.env.HUB_VALIDATION = validation;
        },
    );
    const failed = runs.filter((r) => r.run.status === 'failed');
    if (failed.length > 0) throw new Error(`sample runs failed: ${JSON.stringify(failed.map((r) => r.run))}`);
    return ingestion;
}
