// Removes the temporary folder every test file made its own under (see tests/globalSetup.js).
const { rmSync } = require('node:fs');

module.exports = async () => {
    if (process.env.HUB_TESTS_TMPDIR) rmSync(process.env.HUB_TESTS_TMPDIR, { recursive: true, force: true });
};
