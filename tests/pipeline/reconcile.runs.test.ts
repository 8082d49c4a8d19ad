import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { formatRunTable, runSummary } from '../../src/cli/runSummary';
import { decimalSum } from '../../src/focus/decimalSum';
import type { Totals } from '../../src/focus/totals';
import { type ProcessedRun, processExports } from '../../src/pipeline/processExports';
import { legacyMonth } from '../../src/sample/legacy/legacyCharges';
import { writeLegacyExport } from '../../src/sample/legacy/writeLegacyExport';
import { writeExport } from '../helpers/exportTree';
import { writeGeneratedExport } from '../helpers/generatedExport';
import { rowsOf, withConnection } from '../helpers/withConnection';

// Runs whose input the hub cannot convert without changing the numbers fail with a code, publishing nothing; runs it
// converts publish totals equal to their input's, adjusted only by documented rules (docs/reconciliation.md).

let dir: string;
let n = 0;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-reconcile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exportsDir = () => join(dir, 'msexports');
const outDir = () => join(dir, 'ingestion');
const listFiles = (folder: string): string[] =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
        .sort();
const process = async () =>
    (await processExports(createLocalDeps(exportsDir(), outDir(), join(outDir(), '.finops-hub'), () => {}))).runs;
const runId = () => `${String(++n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const EA = '/providers/Microsoft.Billing/billingAccounts/7654321';

/** An old-format EA actual cost export of September 2026 (2019-10-01: no charge types, no billing period columns). */
function writeOldEaExport(dates: (date: string) => string) {
    const month = legacyMonth({
        month: '2026-09',
        agreement: 'EA',
        days: 12,
        billingAccountId: '7654321',
        subscriptionId: '6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
    });
    return writeLegacyExport(exportsDir(), {
        exportName: 'ea-actual',
        type: 'ActualCost',
        dataVersion: '2019-10-01',
        agreement: 'EA',
        scope: EA,
        month: '2026-09',
        runId: runId(),
        submittedTime: '2026-10-02T03:00:00Z',
        rows: month.actual.map((row) => ({ ...row, Date: dates(row.Date ?? '') })),
    });
}

describe('runs the hub cannot convert exactly', () => {
    it('fails an empty part whose manifest declares rows with RowCountMismatch', async () => {
        const manifest = writeExport(exportsDir(), {
            runId: runId(),
            submittedTime: '2026-09-05T01:00:00Z',
            month: '2026-09',
            parts: [[{}, {}, {}, {}, {}, {}]],
        });
        const { blobs } = JSON.parse(readFileSync(join(exportsDir(), manifest), 'utf8')) as {
            blobs: { blobName: string }[];
        };
        writeFileSync(join(exportsDir(), blobs[0]?.blobName ?? ''), '');
        const [result] = await process();
        expect(result?.run).toMatchObject({ status: 'failed', errorCode: 'RowCountMismatch' });
        expect(result?.run.error).toContain('is empty (0 bytes, no header) but the manifest declares 6 rows');
    });

    it('fails a run with charges outside its period, whatever their format, and publishes nothing', async () => {
        writeExport(exportsDir(), {
            runId: runId(),
            submittedTime: '2026-10-01T01:00:00Z',
            month: '2026-09',
            parts: [[{ ChargePeriodStart: '2026-09-28T00:00:00Z' }, { ChargePeriodStart: '2026-10-05T00:00:00Z' }]],
        });
        // A US date of another year, and an old EA file written day-first (every day ≤ 12: no date is invalid).
        const written = writeOldEaExport((date) => (date.startsWith('09/01/') ? '01/09/2025' : date));
        writeOldEaExport((date) => date.replace(/^(\d\d)\/(\d\d)\//, '$2/$1/'));
        const results = await process();
        expect(results.map(({ run }) => [run.status, run.errorCode])).toEqual(
            Array(3).fill(['failed', 'ChargeOutsidePeriod']),
        );
        const errors = results.map(({ run }) => run.error ?? '');
        expect(errors[0]).toContain("1 row(s) are charged outside the run's period 2026-09-01 to 2026-09-28");
        expect(errors[0]).toContain('(from 2026-10-05 to 2026-10-05)');
        const firstDays = written.rows.filter((row) => row.Date === '01/09/2025').length;
        expect(errors[1]).toContain(
            `${firstDays} row(s) are charged outside the run's period 2026-09-01 to 2026-09-30`,
        );
        expect(errors[2]).toMatch(/row\(s\) are charged outside .* \(from 2026-01-09 to 2026-12-09\)/);
        expect(errors[2]).toContain('M/D/YYYY is month first');
        expect(listFiles(outDir()).filter((f) => f.endsWith('.parquet') && !f.startsWith('_'))).toEqual([]);
    });

    it('keeps a correction of an earlier period, flagged and counted', async () => {
        writeExport(exportsDir(), {
            runId: runId(),
            submittedTime: '2026-10-01T01:00:00Z',
            month: '2026-09',
            parts: [
                [
                    { BilledCost: '3', EffectiveCost: '3' },
                    {
                        ChargeCategory: 'Purchase',
                        ChargeClass: 'Correction',
                        ChargePeriodStart: '2026-08-20T00:00:00Z',
                        ChargePeriodEnd: '2026-08-21T00:00:00Z',
                        BilledCost: '-2',
                        EffectiveCost: '0',
                    },
                ],
            ],
        });
        const [result] = await process();
        expect(result?.run).toMatchObject({
            status: 'succeeded',
            totals: {
                rows: 2,
                sums: { BilledCost: '1', EffectiveCost: '3' },
                changes: [{ code: 'CorrectionOutsidePeriod', currency: 'USD', rows: 1, sums: {} }],
            },
        });
        const flagged = await withConnection((connection) =>
            rowsOf(
                connection,
                `select ChargeClass, x_SourceChanges from read_parquet(${quotedString(join(outDir(), 'Costs/**/*.parquet'))})
                 where contains(x_SourceChanges, 'CorrectionOutsidePeriod')`,
            ),
        );
        expect(flagged).toEqual([
            { ChargeClass: 'Correction', x_SourceChanges: expect.stringMatching(/CorrectionOutsidePeriod$/) },
        ]);
    });

    it('composes actual and amortized cost without counting a commitment purchase the amortized file also has', async () => {
        const month = legacyMonth({
            month: '2026-09',
            agreement: 'EA',
            days: 2,
            billingAccountId: '7654321',
            subscriptionId: '6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
        });
        const principal = month.actual.filter((row) => ['Purchase', 'Refund'].includes(row.ChargeType ?? ''));
        expect(principal.length).toBe(3);
        const cost = (rows: typeof principal) => decimalSum(rows.map((row) => row.Cost ?? '0'));
        const write = (scope: string, type: 'ActualCost' | 'AmortizedCost', day: number) =>
            writeLegacyExport(exportsDir(), {
                exportName: `${type}-${scope.slice(-1)}`,
                type,
                dataVersion: '2023-12-01-preview',
                agreement: 'EA',
                scope,
                month: '2026-09',
                runId: runId(),
                submittedTime: `2026-10-0${day}T03:00:00Z`,
                rows: type === 'ActualCost' ? month.actual : [...month.amortized, ...principal],
            });
        // Actual first in one enrollment, amortized first in the other.
        write(`${EA}1`, 'ActualCost', 2);
        write(`${EA}1`, 'AmortizedCost', 3);
        write(`${EA}2`, 'AmortizedCost', 2);
        write(`${EA}2`, 'ActualCost', 3);
        const results = await process();
        expect(results.map(({ run }) => run.status)).toEqual(Array(4).fill('succeeded'));
        for (const scope of ['76543211', '76543212']) {
            const folder = join(outDir(), `Costs/2026/09/providers/microsoft.billing/billingaccounts/${scope}`);
            const [sums] = await withConnection((connection) =>
                rowsOf(
                    connection,
                    `select count(*)::int as rows, sum(BilledCost)::decimal(38, 18)::varchar as billed,
                        sum(EffectiveCost)::decimal(38, 18)::varchar as effective
                     from read_parquet(${quotedString(join(folder, '*.parquet'))})`,
                ),
            );
            expect([scope, decimalSum([String(sums?.billed)]), decimalSum([String(sums?.effective)])]).toEqual([
                scope,
                cost(month.actual),
                cost(month.amortized),
            ]);
            expect(sums?.rows).toBe(month.amortized.length + principal.length);
            const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Totals;
            expect(manifest.changes).toEqual(
                expect.arrayContaining([
                    {
                        code: 'LeftOutBesideActualCost',
                        currency: 'USD',
                        rows: 3,
                        sums: { BilledCost: cost(principal), EffectiveCost: '0' },
                    },
                ]),
            );
        }
    });

    it('totals a run in two currencies per currency, never as one figure', async () => {
        const written = await withConnection((connection) =>
            writeGeneratedExport(connection, exportsDir(), {
                type: 'ReservationTransactions',
                dataVersion: '2023-05-01',
                rows: 4,
            }),
        );
        const path = written.blobs[0]?.path ?? '';
        const [header = '', first = '', ...rest] = readFileSync(path, 'utf8').split('\r\n');
        const at = header
            .replace(/^\uFEFF/, '')
            .split(',')
            .indexOf('Currency');
        const cells = first.split(',');
        const usd = cells[at];
        cells[at] = 'EUR';
        writeFileSync(path, [header, cells.join(','), ...rest].join('\r\n'));
        const [result] = await process();
        expect(result?.run.status).toBe('succeeded');
        const totals = result?.run.totals;
        expect(totals?.sums).toEqual({});
        expect(totals?.byCurrency?.map((c) => [c.currency, c.rows])).toEqual([
            ['EUR', 1],
            [usd, 3],
        ]);
        expect(totals?.input).toEqual(totals?.byCurrency);
        const summary = runSummary(result as ProcessedRun);
        expect(summary).not.toHaveProperty('billedCost');
        expect(summary.byCurrency?.map((c) => c.currency)).toEqual(['EUR', usd]);
        const eur = totals?.byCurrency?.[0]?.sums.BilledCost ?? '';
        expect(formatRunTable([summary])).toContain(`${Number(eur).toFixed(2)} EUR, `);
    });
});
