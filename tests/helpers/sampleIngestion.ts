import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { lockFolders } from '../../src/adapters/folderLock';
import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { generateSampleTree, type SampleRun } from '../../src/sample/generateSampleTree';
import { generateLegacySample, type LegacySampleMonth } from '../../src/sample/legacy/generateLegacySample';
import { listFiles } from './listFiles';
import { withConnection } from './withConnection';

const root = join(__dirname, '..', '..');
/** Processed samples, one folder per key (see cacheKey); under .tools/, which git ignores. */
const cacheDir = join(root, '.tools', 'sample-ingestion');
/** What the sample generators said they wrote, beside the processed sample. */
const RUNS_FILE = 'sample-runs.json';
/** How long a test file waits for another to make the sample (about a minute on two busy cores). */
const MAKE_WAIT_SECONDS = 600;

/** What the sample generators wrote: the FOCUS-era runs and the legacy months, with their exact totals. */
export interface SampleRuns {
    runs: SampleRun[];
    legacy: LegacySampleMonth[];
}

/**
 * Writes the bundled sample exports under `dir` as `finops-hub sample` writes them (legacy EA and MCA cost exports
 * included) and processes them as `npm start` does, with any other app `settings` (e.g. HUB_POWERBI_STORAGE_REPORT).
 * Returns the ingestion folder; `readSampleRuns(dir)` reads what the generators wrote. Several test files process the
 * same sample: the result is made once per key (everything under src/ and this file, the locked dependencies, the
 * settings, the HUB_ environment, the day), by one test file while the others wait on its lock, and copied for each
 * caller. Every run must succeed.
 */
export async function sampleIngestion(dir: string, settings: Record<string, string> = {}): Promise<string> {
    const cached = join(cacheDir, cacheKey(settings));
    if (!existsSync(cached)) {
        // The CLI's folder lock: a maker killed meanwhile (its process gone) is taken over at once.
        const locks = await lockFolders([`${cached}.lock`], MAKE_WAIT_SECONDS);
        const scratch = `${cached}.${process.pid}`;
        try {
            if (!existsSync(cached)) {
                rmSync(scratch, { recursive: true, force: true });
                await processSample(scratch, settings);
                pruneCache();
                renameSync(scratch, cached);
            }
        } finally {
            rmSync(scratch, { recursive: true, force: true });
            await locks.release();
        }
    }
    cpSync(cached, dir, { recursive: true });
    return join(dir, 'ingestion');
}

/** The runs and legacy months of the sample `sampleIngestion(dir)` wrote. */
export function readSampleRuns(dir: string): SampleRuns {
    return JSON.parse(readFileSync(join(dir, RUNS_FILE), 'utf8')) as SampleRuns;
}

async function processSample(dir: string, settings: Record<string, string>): Promise<void> {
    const exports = join(dir, 'msexports');
    const runs = await withConnection((connection) => generateSampleTree(connection, exports));
    const written: SampleRuns = { runs, legacy: generateLegacySample(exports) };
    writeFileSync(join(dir, RUNS_FILE), JSON.stringify(written));
    const ingestion = join(dir, 'ingestion');
    const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
    Object.assign(process.env, settings);
    const state = join(ingestion, '.finops-hub');
    const { runs: results } = await processExports(createLocalDeps(exports, ingestion, state, () => {})).finally(() => {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    });
    const failed = results.filter((r) => r.run.status === 'failed');
    if (failed.length > 0) throw new Error(`sample runs failed: ${JSON.stringify(failed.map((r) => r.run))}`);
}

/** Drops processed samples made more than a day ago (older code, or another day's key). */
function pruneCache(): void {
    for (const name of readdirSync(cacheDir)) {
        const path = join(cacheDir, name);
        if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    }
}

/**
 * What the processed sample depends on: code (this file too), dependencies, settings, the HUB_ environment (but not
 * the test run's own HUB_TESTS_ folders), the day.
 */
function cacheKey(settings: Record<string, string>): string {
    const hash = createHash('sha256');
    const env = Object.entries({ ...process.env, ...settings }).filter(
        ([name]) => name.startsWith('HUB_') && !name.startsWith('HUB_TESTS_'),
    );
    hash.update(JSON.stringify([env.sort(), new Date().toISOString().slice(0, 10)]));
    for (const file of [...listFiles(join(root, 'src')), join(root, 'package-lock.json'), __filename]) {
        hash.update(`${relative(root, file)}\0`).update(readFileSync(file));
    }
    return hash.digest('hex').slice(0, 24);
}
