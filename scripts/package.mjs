// Builds the Flex Consumption deployment zip from an already built dist/ (`npm run package` builds first):
// compiled JS, SQL/data assets, host.json, package.json and production node_modules for Linux x64 (glibc),
// including the DuckDB native binding. Usage: node scripts/package.mjs [out.zip] (default finops-hub.zip).
// Uses the system `zip`, which Linux build machines have; the zip must be built on Linux x64 anyway (DuckDB binding).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(process.argv[2] ?? join(root, 'finops-hub.zip'));
const staging = join(root, '.tools', 'package');

function run(command, args, cwd) {
    const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
    if (result.error) throw new Error(`package: cannot run ${command}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`package: ${command} ${args.join(' ')} exited with ${result.status}`);
}

function timed(label, step) {
    const started = Date.now();
    step();
    console.log(`package: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (!existsSync(join(root, 'dist', 'functions'))) {
    throw new Error('package: dist/functions is missing; run `npm run build` first (or `npm run package`).');
}

timed('staged compiled code and assets', () => {
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

timed('installed production dependencies for linux-x64-glibc', () => {
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

timed(`zipped ${outFile}`, () => {
    rmSync(outFile, { force: true });
    mkdirSync(dirname(outFile), { recursive: true });
    // -X: no extra file attributes. node_modules/.bin (CLI symlinks) and the lockfile are not needed at run time.
    run('zip', ['-r', '-q', '-X', outFile, '.', '-x', 'node_modules/.bin/*', 'package-lock.json'], staging);
});

rmSync(staging, { recursive: true, force: true });
console.log(`package: ${outFile} (${(statSync(outFile).size / 1024 / 1024).toFixed(1)} MiB)`);
