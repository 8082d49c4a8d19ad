import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { writeLegacyRun, type WrittenLegacyRun } from '../helpers/legacyExports';
import { runCli } from '../helpers/runCli';

// `finops-hub process` on legacy actual and amortized cost exports of an EA and an MCA billing account, then
// `finops-hub validate` on what it published: every MUST-level failure is a documented source gap.

const GAPS = JSON.parse(
    readFileSync(join(__dirname, '../../src/focus/datasets/legacyCosts/data/source-gaps.json'), 'utf8'),
) as { gaps: { rule: string; agreements: string[] }[] };

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-cli-legacy-'));
    process.env.HUB_VALIDATION = 'off';
});
afterAll(() => {
    delete process.env.HUB_VALIDATION;
    rmSync(dir, { recursive: true, force: true });
});

test('process converts and composes legacy exports; validate fails only on documented source gaps', async () => {
    const exports = join(dir, 'msexports');
    const written: Record<string, WrittenLegacyRun> = {};
    let n = 0;
    for (const agreement of ['EA', 'MCA'] as const) {
        for (const type of ['AmortizedCost', 'ActualCost'] as const) {
            n += 1;
            written[`${agreement} ${type}`] = writeLegacyRun(exports, {
                type,
                agreement,
                dataVersion: agreement === 'EA' ? '2021-10-01' : '2023-12-01-preview',
                scope: `/providers/Microsoft.Billing/billingAccounts/${agreement === 'EA' ? '7654321' : '8765432'}`,
                month: '2026-09',
                runId: `0000000${n}-0000-4000-8000-000000000000`,
                submittedTime: `2026-10-0${n}T06:00:00Z`,
                days: 2,
                ai: true,
            });
        }
    }
    const out = join(dir, 'ingestion');
    const processed = await runCli(['process', exports, '--out', out, '--json']);
    expect(processed.code).toBe(0);
    const { runs } = JSON.parse(processed.stdout) as {
        runs: { scope: string; status: string; billedCost: string; effectiveCost: string }[];
    };
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);

    for (const [agreement, account] of [
        ['EA', '7654321'],
        ['MCA', '8765432'],
    ] as const) {
        const folder = join(out, 'Costs/2026/09/providers/microsoft.billing/billingaccounts', account);
        const validated = await runCli(['validate', folder, '--json']);
        const failed = (JSON.parse(validated.stdout) as { failed: { id: string; keyword: string }[] }).failed;
        const musts = failed.filter((rule) => rule.keyword.startsWith('MUST')).map((rule) => rule.id);
        const documented = GAPS.gaps.filter((gap) => gap.agreements.includes(agreement)).map((gap) => gap.rule);
        expect({ agreement, undocumented: musts.filter((id) => !documented.includes(id)) }).toEqual({
            agreement,
            undocumented: [],
        });
        expect(musts.length).toBeGreaterThan(0);
    }
});
