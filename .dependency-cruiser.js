// The rooms of the code and the arrows allowed between them (docs/architecture.md). `npm run lint` runs these rules
// over src/ and functions/; an import that points back up fails it. Paths are relative to the folder cruised from.
const ERRORS = '^src/errors[.]ts$';
const CONFIG = '^src/config[.]ts$';
const CORE = '^src/focus/';
/** The contracts the pipeline is handed (ports, the run-store record schema): adapters and reports implement them. */
const PORTS = '^src/pipeline/(ports|runStoreRecords|insightsPort|telemetryPorts|pipelineDeps)[.]ts$';

/** A rule that `from` may import nothing outside the core, its own room and the listed extras. */
function onlyDown(name, comment, from, allowed) {
    return {
        name,
        comment,
        severity: 'error',
        from: { path: from },
        to: { path: '^(src|functions)/', pathNot: [from, ...allowed] },
    };
}

module.exports = {
    forbidden: [
        onlyDown(
            'errors-are-the-floor',
            'src/errors.ts imports nothing of ours: every room may throw its errors.',
            ERRORS,
            [],
        ),
        onlyDown('core-is-pure', 'src/focus is the pure core: it imports only itself and the errors.', CORE, [ERRORS]),
        onlyDown('config-reads-settings-only', 'src/config.ts builds settings from the core alone.', CONFIG, [
            ERRORS,
            CORE,
        ]),
        onlyDown(
            'pipeline-over-core',
            'src/pipeline plans and runs on the core; it is handed adapters and insights as ports.',
            '^src/pipeline/',
            [ERRORS, CONFIG, CORE],
        ),
        onlyDown(
            'adapters-implement-ports',
            'src/adapters implement the pipeline ports over the core, nothing else.',
            '^src/adapters/',
            [ERRORS, CONFIG, CORE, PORTS],
        ),
        onlyDown(
            'reports-read-through-core',
            'src/reports read published data through the core and implement the insights port.',
            '^src/reports/',
            [ERRORS, CONFIG, CORE, PORTS],
        ),
        onlyDown('sample-over-core', 'src/sample generates exports with the core only.', '^src/sample/', [
            ERRORS,
            CORE,
        ]),
        onlyDown(
            'cli-is-an-entry-point',
            'src/cli is on top: it may wire everything in src/, never a Functions trigger.',
            '^src/cli/',
            ['^src/'],
        ),
        onlyDown(
            'functions-are-entry-points',
            'functions/ wire src/ for the Functions host, never the CLI.',
            '^functions/',
            ['^src/(?!cli/)'],
        ),
        {
            name: 'azure-sdks-in-the-edge',
            comment: 'Azure SDKs are used only by adapters and the entry points that build them.',
            severity: 'error',
            from: { path: '^src/(focus|pipeline|reports|sample|config[.]ts|errors[.]ts)' },
            to: { path: '(^|/)node_modules/@azure/' },
        },
        {
            name: 'no-cycles',
            comment: 'Modules import each other in one direction only.',
            severity: 'error',
            from: {},
            to: { circular: true },
        },
        {
            name: 'no-unresolvable',
            comment: 'Every import resolves (a rule over a path that does not exist would pass silently).',
            severity: 'error',
            from: {},
            to: { couldNotResolve: true },
        },
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        // type-only imports are arrows too: a port type imported from above is a back-arrow
        tsPreCompilationDeps: true,
        enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    },
};
