// Tests that start the real `finops-hub` command (and the package test) run the compiled code in dist/: build it once,
// before any test file starts, so no test sees a stale or half-written build.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = () => {
    execFileSync('npm', ['run', 'build'], { cwd: join(__dirname, '..'), stdio: 'pipe' });
};
