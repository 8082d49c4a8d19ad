// Tests that start the real `finops-hub` command (and the package test) run the compiled code in dist/: build it once,
// before any test file starts, so no test sees a stale or half-written build. A dist/ the build made from the sources
// as they are now (npm ci and npm start build too) is used as it is.
// Every test file, and every process it starts, makes its temporary folders under one fresh folder (TMPDIR, which
// os.tmpdir() reads), removed by tests/globalTeardown.js: a test that fails, or kills a process on purpose, leaves
// nothing in the machine's temp folder.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');

module.exports = async () => {
    process.env.HUB_TESTS_TMPDIR = process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'finops-hub-tests-'));
    const { BUILT_INPUTS, buildInputsHash } = await import(
        pathToFileURL(join(root, 'scripts', 'buildInputs.mjs')).href
    );
    const built = join(root, BUILT_INPUTS);
    const fresh =
        existsSync(join(root, 'dist', 'functions')) &&
        existsSync(built) &&
        readFileSync(built, 'utf8') === buildInputsHash(root);
    if (!fresh) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
};
