import { join } from 'node:path';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { generateSampleTree } from '../../src/sample/generateSampleTree';
import { generateLegacySample } from '../../src/sample/legacy/generateLegacySample';
import { withConnection } from './withConnection';

/**
 * Writes the bundled sample exports under `dir` and processes them as `npm start` does (FOCUS validation off: not
 * what these tests look at), with any other app `settings` (e.g. HUB_POWERBI_STORAGE_REPORT); with `legacy`, the
 * legacy EA and MCA actual and amortized cost exports too, as `finops-hub sample` writes them. Returns the ingestion
 * folder.
 */
export async function sampleIngestion(
    dir: string,
    settings: Record<string, string> = {},
    legacy = false,
): Promise<string> {
    await withConnection((connection) => generateSampleTree(connection, join(dir, 'msexports')));
    if (legacy) generateLegacySample(join(dir, 'msexports'));
    const ingestion = join(dir, 'ingestion');
    const applied = { HUB_VALIDATION: 'off', ...settings };
    const saved = Object.fromEntries(Object.keys(applied).map((name) => [name, process.env[name]]));
    Object.assign(process.env, applied);
    const state = join(ingestion, '.finops-hub');
    const { runs } = await processExports(createLocalDeps(join(dir, 'msexports'), ingestion, state, () => {})).finally(
        () => {
            for (const [name, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[name];
                else process.env[name] = value;
            }
        },
    );
    const failed = runs.filter((r) => r.run.status === 'failed');
    if (failed.length > 0) throw new Error(`sample runs failed: ${JSON.stringify(failed.map((r) => r.run))}`);
    return ingestion;
}
