import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { generateSampleTree } from '../../src/sample/generateSampleTree';
import { generateLegacySample } from '../../src/sample/legacy/generateLegacySample';
import { listFiles } from './listFiles';
import { withConnection } from './withConnection';

const root = join(__dirname, '..', '..');
/** Processed samples, one folder per key (see cacheKey); under .tools/, which git ignores. */
const cacheDir = join(root, '.tools', 'sample-ingestion');

/**
 * Writes the bundled sample exports under `dir` and processes them as `npm start` does (FOCUS validation off: not
 * what these tests look at), with any other app `settings` (e.g. HUB_POWERBI_STORAGE_REPORT); with `legacy`, the
 * legacy EA and MCA actual and amortized cost exports too, as `finops-hub sample` writes them. Returns the ingestion
 * folder. Several test files process the same sample: the result is made once per key (everything under src/ and this
 * file, the locked dependencies, the settings, the HUB_ environment, the day) and copied for each caller.
 */
export async function sampleIngestion(
    dir: string,
    settings: Record<string, string> = {},
    legacy = false,
): Promise<string> {
    const applied = { HUB_VALIDATION: 'off', ...settings };
    const cached = join(cacheDir, cacheKey(applied, legacy));
    if (!existsSync(cached)) {
        const scratch = `${cached}.${process.pid}`;
        rmSync(scratch, { recursive: true, force: true });
        await processSample(scratch, applied, legacy);
        mkdirSync(cacheDir, { recursive: true });
        pruneCache();
        // Two workers may make the same key at once: the first rename wins, the other result is dropped.
        try {
            renameSync(scratch, cached);
        } catch {
            if (!existsSync(cached)) throw new Error(`cannot store the processed sample in ${cached}`);
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    }
    cpSync(cached, dir, { recursive: true });
    return join(dir, 'ingestion');
}

async function processSample(dir: string, applied: Record<string, string>, legacy: boolean): Promise<void> {
    await withConnection((connection) => generateSampleTree(connection, join(dir, 'msexports')));
    if (legacy) generateLegacySample(join(dir, 'msexports'));
    const ingestion = join(dir, 'ingestion');
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
}

/** Drops processed samples made more than a day ago (older code, or another day's key). */
function pruneCache(): void {
    for (const name of readdirSync(cacheDir)) {
        const path = join(cacheDir, name);
        if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    }
}

/** What the processed sample depends on: code (this file too), dependencies, settings, environment, day. */
function cacheKey(applied: Record<string, string>, legacy: boolean): string {
    const hash = createHash('sha256');
    const env = Object.entries({ ...process.env, ...applied }).filter(([name]) => name.startsWith('HUB_'));
    hash.update(JSON.stringify([env.sort(), legacy, new Date().toISOString().slice(0, 10)]));
    for (const file of [...listFiles(join(root, 'src')), join(root, 'package-lock.json'), __filename]) {
        hash.update(`${relative(root, file)}\0`).update(readFileSync(file));
    }
    return hash.digest('hex').slice(0, 24);
}
