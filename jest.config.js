/** @type {import('jest').Config} */
module.exports = {
    preset: 'ts-jest',
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    globalSetup: '<rootDir>/tests/globalSetup.js',
    testTimeout: 120000,
    // Native DuckDB and spawned Azurite: one worker per core is plenty on small machines.
    maxWorkers: 2,
};
