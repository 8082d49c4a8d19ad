import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { writeExport } from '../helpers/exportTree';
import { runCli } from '../helpers/runCli';

// A run whose output fails a MUST rule the hub could have prevented publishes with warnings, or fails unpublished in
// strict mode; a rule the export alone fails (a source gap) is reported as such and is no warning.

const SUB = 'subscriptions/00000000-0000-0000-0000-000000000001';
const GOOD = '11111111-1111-1111-1111-111111111111';
const NO_PRICES = '22222222-2222-2222-2222-222222222222';
const NO_NAME = '33333333-3333-3333-3333-333333333333';

/** A usage row without list or contracted price: a price sheet could have filled them. */
const unpriced = { ListUnitPrice: '', ContractedUnitPrice: '', x_EffectiveUnitPrice: '' };
const WARNINGS = ['ContractedUnitPrice-C-006-C', 'ListUnitPrice-C-005-C', 'PricingCurrencyListUnitPrice-C-005-C'];

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hub-warnings-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface RunJson {
    runId: string;
    status: string;
    errorCode?: string;
    error?: string;
    warnings?: string[];
    validation?: { mustFailed: string[]; sourceGaps: string[] };
}

const process = async (...flags: string[]) => {
    const result = await runCli(['process', join(dir, 'msexports'), '--out', join(dir, 'ingestion'), ...flags]);
    const runs = flags.includes('--json') ? (JSON.parse(result.stdout) as { runs: RunJson[] }).runs : [];
    return { ...result, runs };
};

describe('run status and FOCUS validation', () => {
    it('publishes with warnings for the hub’s own MUST failures, and names source gaps apart', async () => {
        const root = join(dir, 'msexports');
        writeExport(root, {
            runId: NO_PRICES,
            submittedTime: '2026-09-02T01:00:00Z',
            month: '2026-09',
            parts: [[unpriced]],
        });
        writeExport(root, {
            runId: NO_NAME,
            submittedTime: '2026-10-02T01:00:00Z',
            month: '2026-10',
            parts: [[{ BillingAccountName: '' }]],
        });

        const table = await process();
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(
            /^status +dataset +month +rows +billed cost +scope +code +warnings +FOCUS 1\.2 rules\n/,
        );
        expect(table.stdout).toMatch(
            /\nsucceeded +Costs +2026-09 +1 .* 3 +\d+ passed, \d+ failed \(3 MUST, 0 source gaps\)/,
        );
        expect(table.stdout).toMatch(
            /\nsucceeded +Costs +2026-10 +1 .* \d+ passed, \d+ failed \(0 MUST, 1 source gaps\)/,
        );
        expect(table.stdout).toContain(
            `Warnings (MUST-level FOCUS rules the hub should have met): ${WARNINGS.join(', ')}`,
        );
        expect(table.stdout).toContain(
            'Source gaps (MUST-level rules the exports cannot meet): BillingAccountName-C-003-C',
        );

        const { runs } = await process('--json');
        const byId = Object.fromEntries(runs.map((run) => [run.runId, run]));
        expect(byId[NO_PRICES]).toMatchObject({
            status: 'succeeded',
            warnings: WARNINGS,
            validation: { mustFailed: WARNINGS, sourceGaps: [] },
        });
        expect(byId[NO_NAME]).toMatchObject({
            status: 'succeeded',
            validation: { mustFailed: [], sourceGaps: ['BillingAccountName-C-003-C'] },
        });
        expect(byId[NO_NAME]?.warnings).toBeUndefined();
        const stored = await createFileRunStore(join(dir, 'ingestion', '.finops-hub')).getRun({
            scope: SUB,
            runId: NO_PRICES,
        });
        expect(stored?.value.warnings).toEqual(WARNINGS);
    });

    it('with --strict fails such a run before anything is swapped, leaving the published run in place', async () => {
        const root = join(dir, 'msexports');
        writeExport(root, { runId: GOOD, submittedTime: '2026-10-02T01:00:00Z', month: '2026-10', parts: [[{}]] });
        expect((await process()).code).toBe(0);
        const manifest = join(dir, 'ingestion', 'Costs', '2026', '10', SUB, 'manifest.json');
        const published = readFileSync(manifest, 'utf8');

        writeExport(root, {
            runId: NO_PRICES,
            submittedTime: '2026-10-03T01:00:00Z',
            month: '2026-10',
            parts: [[unpriced]],
        });
        const strict = await process('--strict', '--json');
        expect(strict.code).toBe(1);
        expect(strict.runs.find((run) => run.runId === NO_PRICES)).toMatchObject({
            status: 'failed',
            errorCode: 'ValidationFailed',
            warnings: WARNINGS,
        });
        // Each rule with its violating rows and what it checks, so the failure can be acted on unpublished.
        const error = strict.runs.find((run) => run.runId === NO_PRICES)?.error ?? '';
        for (const rule of WARNINGS) expect(error).toMatch(new RegExp(`${rule} \\(1 row\\(s\\): \\S`));
        expect(readFileSync(manifest, 'utf8')).toBe(published);
        const staging = join(dir, 'ingestion', '_staging');
        expect(existsSync(staging) ? readdirSync(staging, { recursive: true }) : []).toEqual([]);
    });

    it('refuses --strict without validation', async () => {
        writeExport(join(dir, 'msexports'), {
            runId: GOOD,
            submittedTime: '2026-10-02T01:00:00Z',
            month: '2026-10',
            parts: [[{}]],
        });
        const saved = globalThis.process.env.HUB_VALIDATION;
        globalThis.process.env.HUB_VALIDATION = 'off';
        try {
            const refused = await process('--strict');
            expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('--strict needs validation')]);
        } finally {
            if (saved === undefined) delete globalThis.process.env.HUB_VALIDATION;
            else globalThis.process.env.HUB_VALIDATION = saved;
        }
    });
});
