import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { aiRow, buildAiUnitEconomics, METERS } from '../helpers/aiCostRows';
import { runCli } from '../helpers/runCli';
import { withConnection } from '../helpers/withConnection';

const runTokens = (args: string[]) => runCli(['tokens', ...args]);

/** October 2026: the gpt-4.1 input price drops on the 6th; batch, cached, 1M meters in both scales, and hosting. */
const ROWS = [
    aiRow('input-day5', METERS.gpt41Input, { day: 5, units: '2000000', price: '0.002' }),
    aiRow('input-day6', METERS.gpt41Input, { day: 6, units: '1000000', price: '0.0015' }),
    aiRow('batch', METERS.gpt41BatchInput, { day: 6, units: '1000000', price: '0.001' }),
    aiRow('cached', METERS.gpt41Cached, { day: 5, units: '1000000', price: '0.0005' }),
    aiRow('output', METERS.gpt41Output, { day: 5, units: '500000', price: '0.008' }),
    aiRow('mini-raw-tokens', METERS.gpt5MiniInput, { day: 5, units: '3000000', price: '0.25', scale: 'tokens' }),
    aiRow('mini-cached-blocks', METERS.gpt5MiniCached, { day: 5, units: '1000000', price: '0.025' }),
    aiRow('hosting', METERS.davinciHosting, { day: 5, units: '2', price: '1.7' }),
];

async function withIngestion(work: (ingestion: string) => Promise<void>): Promise<void> {
    await withConnection(async (connection, dir) => {
        const { output } = await buildAiUnitEconomics(connection, dir, [ROWS]);
        const folder = join(dir, 'ingestion', 'AIUnitEconomics', '2026', '10', 'subscriptions', 'sub1');
        mkdirSync(folder, { recursive: true });
        // A file the folder's manifest does not list (an older run's, being deleted) is not published data.
        copyFileSync(output, join(folder, 'old-run__part_0.parquet'));
        renameSync(output, join(folder, 'run1__part_0.parquet'));
        const manifest = { runId: 'run1', files: [{ name: 'run1__part_0.parquet', rows: 8 }] };
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
        await work(join(dir, 'ingestion'));
    });
}

describe('finops-hub tokens', () => {
    test('prints tokens, cost and cost per 1M tokens by model and direction, from sums, with totals', async () => {
        await withIngestion(async (ingestion) => {
            const json = await runTokens([ingestion, '--month', '2026-10', '--json']);
            expect(json).toMatchObject({ code: 0, stderr: '' });
            expect(JSON.parse(json.stdout)).toEqual({
                rows: [
                    {
                        model: 'gpt-4.1',
                        direction: 'cached input',
                        tokens: '1000000',
                        effectiveCost: '0.5',
                        effectiveCostPer1MTokens: '0.5',
                    },
                    {
                        model: 'gpt-4.1',
                        direction: 'input',
                        tokens: '4000000',
                        effectiveCost: '6.5',
                        effectiveCostPer1MTokens: '1.625',
                    },
                    {
                        model: 'gpt-4.1',
                        direction: 'output',
                        tokens: '500000',
                        effectiveCost: '4',
                        effectiveCostPer1MTokens: '8',
                    },
                    {
                        model: 'gpt-5-mini',
                        direction: 'cached input',
                        tokens: '1000000',
                        effectiveCost: '0.025',
                        effectiveCostPer1MTokens: '0.025',
                    },
                    {
                        model: 'gpt-5-mini',
                        direction: 'input',
                        tokens: '3000000',
                        effectiveCost: '0.75',
                        effectiveCostPer1MTokens: '0.25',
                    },
                ],
                totals: { tokens: '9500000', effectiveCost: '11.775', effectiveCostPer1MTokens: '1.239474' },
                cacheHitRatio: 0.222222,
                batchShare: 0.105263,
            });

            const table = await runTokens([ingestion, '--by', 'day,tier']);
            expect(table.code).toBe(0);
            expect(table.stdout.split('\n')).toEqual([
                'day         tier       tokens  effective cost  per 1M tokens',
                '2026-10-05  Standard  7500000           9.275       1.236667',
                '2026-10-06  Batch     1000000               1              1',
                '2026-10-06  Standard  1000000             1.5            1.5',
                'total                 9500000          11.775       1.239474',
                '',
                'cache-hit ratio  22.2 %  (cached input / all input tokens)',
                'batch share      10.5 %  (Batch-tier tokens / all tokens)',
                '',
            ]);

            const otherMonth = JSON.parse((await runTokens([ingestion, '--month', '2026-09', '--json'])).stdout);
            expect(otherMonth).toEqual({
                rows: [],
                totals: { tokens: '0', effectiveCost: '0', effectiveCostPer1MTokens: null },
                cacheHitRatio: null,
                batchShare: null,
            });
        });
    });

    test('usage errors exit with 2', async () => {
        await withIngestion(async (ingestion) => {
            expect(await runTokens([ingestion, '--by', 'model,"x_ModelId"'])).toMatchObject({
                code: 2,
                stderr: expect.stringMatching(/^finops-hub tokens: unknown --by "x_modelid"; use model, version/),
            });
            expect(await runTokens([ingestion, '--month', '2026-13'])).toMatchObject({
                code: 2,
                stderr: 'finops-hub tokens: --month must be YYYY-MM, got "2026-13".\n',
            });
        });
        expect(await runTokens(['/no/such/folder'])).toMatchObject({
            code: 2,
            stderr: 'finops-hub tokens: no published AIUnitEconomics folders (with manifest.json) under /no/such/folder.\n',
        });
    });
});
