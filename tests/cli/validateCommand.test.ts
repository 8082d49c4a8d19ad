import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFocusTable } from '../focus/validation/focusTable';
import { runCli } from '../helpers/runCli';
import { withConnection } from '../helpers/withConnection';

const runValidate = (args: string[]) => runCli(['validate', ...args]);

describe('finops-hub validate', () => {
    test('validates a folder of Parquet files and a single file', async () => {
        await withConnection(async (connection, dir) => {
            // Brackets in the folder's name: its files are listed, not globbed.
            const folder = join(dir, 'run [1]', 'month=2026-10');
            mkdirSync(folder, { recursive: true });
            await createFocusTable(connection, 'good', 30);
            await createFocusTable(connection, 'bad', 30, { BillingCurrency: "'usd'", PricingUnit: null });
            await connection.run(`copy good to ${quotedString(join(folder, 'part-0.parquet'))} (format parquet)`);
            await connection.run(`copy bad to ${quotedString(join(dir, 'bad.parquet'))} (format parquet)`);

            const good = await runValidate([join(dir, 'run [1]')]);
            expect(good.code).toBe(0);
            expect(good.stdout).toMatch(/^RULE +KEYWORD +STATUS +ROWS +DETAIL\n/);
            expect(good.stdout).toMatch(/\nBilledCost-C-003-M +MUST NOT +passed +0\n/);
            expect(good.stdout).toContain('FOCUS 1.2 validation of 30 rows');
            expect(good.stdout).toContain('No MUST-level rule failed.');

            const bad = await runValidate([join(dir, 'bad.parquet'), '--json']);
            expect(bad.code).toBe(1);
            const summary = JSON.parse(bad.stdout);
            expect(Object.keys(summary)).toEqual(['rules', 'passed', 'skipped', 'overridden', 'failed']);
            expect(summary.failed.map((rule: { id: string }) => rule.id)).toEqual([
                'BillingCurrency-C-003-M',
                'BillingCurrency-C-006-M',
                'CostAndUsage-D-068-M',
            ]);
            expect(summary.failed[0]).toMatchObject({ column: 'BillingCurrency', keyword: 'MUST', rows: 30 });

            const some = await runValidate([join(dir, 'bad.parquet'), '--rules', 'BillingCurrency-C-00?-M']);
            expect(some.stdout).toContain('sample: {"BillingCurrency":"usd"}');
            expect(some.stdout).not.toContain('BilledCost');
        });
    });

    test('usage errors exit with 2', async () => {
        const missing = await runValidate(['/no/such/folder']);
        expect(missing).toMatchObject({
            code: 2,
            stderr: 'finops-hub validate: no such file or folder: /no/such/folder\n',
        });
        await withConnection(async (connection, dir) => {
            await createFocusTable(connection, 'good', 2);
            await connection.run(`copy good to ${quotedString(join(dir, 'good.parquet'))} (format parquet)`);
            const criteria = await runValidate([join(dir, 'good.parquet'), '--criteria', 'TAGS']);
            expect(criteria).toMatchObject({
                code: 2,
                stderr: 'finops-hub validate: Unknown applicability criteria: TAGS.\n',
            });
            mkdirSync(join(dir, 'empty'));
            expect(await runValidate([join(dir, 'empty')])).toMatchObject({
                code: 2,
                stderr: `finops-hub validate: no .parquet file under ${join(dir, 'empty')}\n`,
            });
            writeFileSync(join(dir, 'empty', 'text.parquet'), 'a,b\n1,2\n');
            expect(await runValidate([join(dir, 'empty')])).toMatchObject({
                code: 2,
                stderr: `finops-hub validate: not a Parquet file: ${join(dir, 'empty', 'text.parquet')}\n`,
            });
        });
    });
});
