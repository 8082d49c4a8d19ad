/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    // Transpile only: `npm test` type-checks src, functions, tests and bench with `tsc --noEmit` before jest starts,
    // so ts-jest checking every file again in each worker only costs time (a language service per worker).
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
    globalSetup: '<rootDir>/tests/globalSetup.js',
    globalTeardown: '<rootDir>/tests/globalTeardown.js',
    testSequencer: '<rootDir>/tests/testSequencer.js',
    testTimeout: 120000,
    // Native DuckDB and spawned Azurite: one worker per core is plenty on small machines.
    maxWorkers: 2,
};
