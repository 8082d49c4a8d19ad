// Tests that start the real `finops-hub` command (and the package test) run the compiled code in dist/: build it once,
// before any test file starts, so no test sees a stale or half-written build. A dist/ the build made from the sources
// as they are now (npm ci and npm start build too) is used as it is.
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');

module.exports = async () => {
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
