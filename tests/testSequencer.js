// Jest runs the files it has timed before longest first, so that neither of its two workers is left alone with a long
// file at the end; with no timings (a fresh clone, as in CI) it starts with the largest files instead, and the
// longest files here are short ones whose matrices live in helpers (a 22-line file runs 90 s). With no timings, these
// files go first, longest first (seconds on two idle cores, from a full run; the order is what matters), then the
// others as Jest orders them. Of the files that read the processed sample (sampleIngestion) only the report's is
// listed: it makes the sample early, and the others, started later, find it made instead of waiting on its lock.
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const SLOWEST = {
    'tests/functions/faultInjection.publish.test.ts': 90,
    'tests/pipeline/publishRun.races.test.ts': 62,
    'tests/functions/faultInjection.convert.test.ts': 56,
    'tests/pipeline/faultInjection.composed.test.ts': 50,
    'tests/reports/report/buildReport.browser.test.ts': 49,
    'tests/functions/faultInjection.takeover.test.ts': 49,
    'tests/cli/processCommand.test.ts': 42,
    'tests/focus/datasets/legacyCosts/transformLegacyCosts.test.ts': 35,
    'tests/infra/package.test.ts': 34,
    'tests/functions/faultInjection.composed.test.ts': 34,
    'tests/pipeline/faultInjection.test.ts': 30,
    'tests/functions/faultInjection.messages.test.ts': 30,
    'tests/pipeline/reconcile.property.test.ts': 25,
    'tests/infra/bicepLint.test.ts': 24,
};

class SlowestFirst extends Sequencer {
    sort(tests) {
        const sorted = super.sort(tests);
        if (sorted.some((test) => test.duration !== undefined)) return sorted;
        const seconds = (test) => SLOWEST[relative(test.context.config.rootDir, test.path).split('\\').join('/')] ?? 0;
        // Array.prototype.sort is stable: files not listed keep Jest's order.
        return [...sorted].sort((a, b) => seconds(b) - seconds(a));
    }
}

module.exports = SlowestFirst;
