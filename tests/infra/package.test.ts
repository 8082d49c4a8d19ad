import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { unzip } from '../helpers/unzip';
import { repoRoot } from './bicepTemplate';

let workDir: string;
let appDir: string;
/** SQL, data and assets files of the source tree, listed before the build so files added meanwhile don't count. */
let assets: string[];
/** The paths the zip holds. */
let zipped: string[];

/** Runs a script in a fresh Node process inside the unpacked app, with no access to the repository's node_modules. */
function runInApp(script: string): { status: number | null; output: string } {
    const result = spawnSync(process.execPath, ['-e', script], {
        cwd: appDir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: workDir },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function listFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
    );
}

beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'finops-hub-package-'));
    appDir = join(workDir, 'app');
    const zip = join(workDir, 'finops-hub.zip');
    assets = listFiles(join(repoRoot, 'src'))
        .map((file) => relative(repoRoot, file))
        .filter((file) => /\/(sql|data|assets)\//.test(file));
    // dist/ is built once for the whole test run (tests/globalSetup.js); package it without building again.
    execFileSync(process.execPath, ['scripts/package.mjs', zip], { cwd: repoRoot, stdio: 'pipe' });
    zipped = await unzip(zip, appDir);
}, 600_000);

afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
});

describe('deployment package', () => {
    it('holds host.json, package.json and the SQL and data assets beside the compiled code', () => {
        expect(readFileSync(join(appDir, 'host.json'), 'utf8')).toBe(readFileSync(join(repoRoot, 'host.json'), 'utf8'));
        const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string };
        expect(manifest.main).toBe('dist/functions/*/index.js');
        const missing = assets.filter((file) => !existsSync(join(appDir, 'dist', file)));
        expect(assets.length).toBeGreaterThan(0);
        expect(missing).toEqual([]);
    });

    it('ships production dependencies only, with the DuckDB linux-x64 binding and no source maps or TypeScript', () => {
        const modules = join(appDir, 'node_modules');
        expect(existsSync(join(modules, '@duckdb', 'node-bindings-linux-x64', 'duckdb.node'))).toBe(true);
        expect(existsSync(join(modules, '@azure', 'functions', 'package.json'))).toBe(true);
        for (const devOnly of ['jest', 'typescript', 'azurite', 'eslint', 'yazl'])
            expect(existsSync(join(modules, devOnly))).toBe(false);
        expect(zipped.filter((path) => path.startsWith('node_modules/.bin/') || path === 'package-lock.json')).toEqual(
            [],
        );
        // Nor the dependencies' source maps and TypeScript files, which Node never loads.
        expect(zipped.filter((path) => /^node_modules\/.+\.(map|[cm]?ts)$/.test(path))).toEqual([]);
    });

    it('loads every function entry point in a fresh Node process', () => {
        const functionsDir = join(appDir, 'dist', 'functions');
        const names = readdirSync(functionsDir).filter((name) => existsSync(join(functionsDir, name, 'index.js')));
        expect(names).toEqual(expect.arrayContaining(['ingest', 'transform']));
        for (const name of names) {
            const result = runInApp(`require(${JSON.stringify(join(functionsDir, name, 'index.js'))});`);
            expect({ name, ...result }).toMatchObject({ name, status: 0 });
        }
    });

    it('runs a DuckDB query with the packaged binding', () => {
        const result = runInApp(
            `require('@duckdb/node-api').DuckDBInstance.create(':memory:')
                .then((db) => db.connect())
                .then((c) => c.runAndReadAll('select 6 * 7 as answer'))
                .then((r) => console.log('answer', r.getRows()[0][0]))
                .catch((e) => { console.error(e); process.exit(1); });`,
        );
        expect(result).toMatchObject({ status: 0, output: expect.stringContaining('answer 42') });
    });
});
