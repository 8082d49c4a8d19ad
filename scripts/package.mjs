// Builds the Flex Consumption deployment zip from an already built dist/ (`npm run package` builds first):
// compiled JS, SQL/data assets, host.json, package.json and production node_modules for Linux x64 (glibc),
// including the DuckDB native binding. Usage: node scripts/package.mjs [out.zip] (default finops-hub.zip).
// Zipped with yazl (npm), so no `zip` command is needed; the zip must be built on Linux x64 anyway (DuckDB binding).
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

import yazl from 'yazl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(process.argv[2] ?? join(root, 'finops-hub.zip'));
const staging = join(root, '.tools', 'package');

function run(command, args, cwd) {
    const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
    if (result.error) throw new Error(`package: cannot run ${command}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`package: ${command} ${args.join(' ')} exited with ${result.status}`);
}

async function timed(label, step) {
    const started = Date.now();
    await step();
    console.log(`package: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Zips the files under `dir` (symlinks followed, as `zip -r` does) into `outFile`, leaving out what
 * `skip(path, directory)` says.
 */
async function zipFolder(dir, outFile, skip) {
    const zip = new yazl.ZipFile();
    const add = (folder) => {
        for (const name of readdirSync(folder)) {
            const path = join(folder, name);
            const inZip = relative(dir, path).split(sep).join('/');
            const directory = statSync(path).isDirectory();
            if (skip(inZip, directory)) continue;
            if (directory) add(path);
            else zip.addFile(path, inZip);
        }
    };
    add(dir);
    zip.end();
    await finished(zip.outputStream.pipe(createWriteStream(outFile)));
}

/**
 * What the app never loads: node_modules/.bin (CLI symlinks), the lockfile, and the dependencies' source maps and
 * TypeScript files (declarations and sources: Node runs JavaScript only). Those are two thirds of the dependencies'
 * files; leaving them out makes the zip smaller and its upload and unpacking on the Functions host faster.
 */
function notRunTime(path, directory) {
    if (path === 'node_modules/.bin' || path === 'package-lock.json') return true;
    return !directory && path.startsWith('node_modules/') && /\.(map|[cm]?ts)$/.test(path);
}

if (!existsSync(join(root, 'dist', 'functions'))) {
    throw new Error('package: dist/functions is missing; run `npm run build` first (or `npm run package`).');
}

await timed('staged compiled code and assets', () => {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const file of ['host.json', 'package.json', 'package-lock.json']) {
        cpSync(join(root, file), join(staging, file));
    }
    // Tests and benchmarks are never deployed, should a build have emitted them.
    const deployed = readdirSync(join(root, 'dist')).filter((entry) => entry !== 'tests' && entry !== 'bench');
    for (const entry of deployed) {
        cpSync(join(root, 'dist', entry), join(staging, 'dist', entry), { recursive: true });
    }
});

await timed('installed production dependencies for linux-x64-glibc', () => {
    const platform = ['--os=linux', '--cpu=x64', '--libc=glibc'];
    run(
        'npm',
        ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', ...platform],
        staging,
    );
    if (!existsSync(join(staging, 'node_modules', '@duckdb', 'node-bindings-linux-x64', 'duckdb.node'))) {
        throw new Error('package: the DuckDB linux-x64 binding was not installed');
    }
});

await timed(`zipped ${outFile}`, async () => {
    rmSync(outFile, { force: true });
    mkdirSync(dirname(outFile), { recursive: true });
    await zipFolder(staging, outFile, notRunTime);
});

rmSync(staging, { recursive: true, force: true });
console.log(`package: ${outFile} (${(statSync(outFile).size / 1024 / 1024).toFixed(1)} MiB)`);
