import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { mergeAiUnitEconomics } from '../../../src/focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { aiRow, buildAiUnitEconomics, METERS } from '../../helpers/aiCostRows';
import { baseRow } from '../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../helpers/withConnection';

const LEGACY_TAGS = '"Cost-Center": "cc-2","Environment": "dev"';

/** Part 1: a mid-month price change, both quantity scales, 1K and 1M meters, cached, batch and hosting rows. */
const PART_1 = [
    aiRow('input-day5', METERS.gpt41Input, { day: 5, units: '2000000', price: '0.002' }),
    aiRow('input-day6', METERS.gpt41Input, { day: 6, units: '1000000', price: '0.0015' }),
    aiRow('cached', METERS.gpt41Cached, { day: 5, units: '1000000', price: '0.0005' }),
    aiRow('output', METERS.gpt41Output, { day: 5, units: '500000', price: '0.008' }),
    aiRow('batch', METERS.gpt41BatchInput, { day: 5, units: '1000000', price: '0.001' }),
    aiRow('mini-raw-tokens', METERS.gpt5MiniInput, { day: 5, units: '3000000', price: '0.25', scale: 'tokens' }),
    aiRow('mini-cached-blocks', METERS.gpt5MiniCached, { day: 5, units: '1000000', price: '0.025' }),
    aiRow('legacy-tags', METERS.gpt41Output, { day: 5, units: '1000', price: '0.008', tags: LEGACY_TAGS }),
    aiRow('hosting', METERS.davinciHosting, { day: 5, units: '2', price: '1.7' }),
    aiRow('unknown-scale', METERS.gpt41Input, { day: 5, units: '1000', price: '0.002', cost: '0.5' }),
    { ...baseRow, ChargeDescription: 'vm' },
];

/** Part 2 overlaps part 1's day-5 input group at twice the unit price (a ratio average would say 3 per 1M). */
const PART_2 = [aiRow('input-day5-dear', METERS.gpt41Input, { day: 5, units: '1000', price: '0.004' })];

const KEYS = `x_ChargeDate, SubAccountId, ResourceId, x_ModelId, x_ModelVersion, x_TokenDirection, x_CacheAction,
    x_DeploymentType, x_ProcessingTier, x_AIWorkload, x_QuantityScaleDetected, x_TagCostCenter, x_TagEnvironment,
    x_TagApplication`;

describe('AIUnitEconomics', () => {
    it('sums AI cost rows per day and dimensions, merges partials and divides sums', async () => {
        await withConnection(async (connection, dir) => {
            const built = await buildAiUnitEconomics(connection, dir, [PART_1, PART_2]);
            expect(built.partialRows).toEqual([10, 1]);
            expect(built.rows).toBe(10);
            const dataset = `read_parquet(${quotedString(built.output)})`;

            const [groups] = await rowsOf(
                connection,
                `select count(*)::int as rows, count(distinct (${KEYS}))::int as groups from ${dataset}`,
            );
            expect(groups).toEqual({ rows: 10, groups: 10 });

            const sums = `sum(x_TokenCount)::varchar as tokens, sum(BilledCost)::varchar as billed,
                sum(EffectiveCost)::varchar as effective, sum(ListCost)::varchar as list`;
            const costs = `read_parquet([${built.costs.map((path) => quotedString(path)).join(', ')}])`;
            const [fromCosts] = await rowsOf(
                connection,
                `select ${sums}, count(*)::int as rows from ${costs} where x_ModelId is not null`,
            );
            const [fromDataset] = await rowsOf(
                connection,
                `select ${sums}, sum(x_RowCount)::int as rows from ${dataset}`,
            );
            expect(fromDataset).toEqual(fromCosts);
            expect(fromDataset).toMatchObject({ rows: 11, tokens: '9502000.000000', billed: '15.687000000000000000' });

            const rows = await rowsOf(
                connection,
                `select strftime(x_ChargeDate, '%Y-%m-%d') as day, x_ModelId, x_TokenDirection, x_CacheAction,
                        x_ProcessingTier, x_AIWorkload, x_QuantityScaleDetected, x_TagCostCenter, x_TagEnvironment,
                        x_TagApplication, x_TokenCount::varchar as tokens, EffectiveCost::varchar as cost,
                        x_EffectiveCostPer1KTokens::varchar as per1k, x_EffectiveCostPer1MTokens::varchar as per1m,
                        x_BilledCostPer1MTokens::varchar as billedPer1m, x_ListCostPer1MTokens::varchar as listPer1m,
                        x_RowCount::int as rowCount
                 from ${dataset}
                 order by day, x_ModelId, x_TokenDirection, x_CacheAction, x_ProcessingTier, x_QuantityScaleDetected,
                          x_TagCostCenter`,
            );
            const compact = rows.map((r) => [
                r.day,
                r.x_ModelId,
                r.x_TokenDirection,
                r.x_CacheAction,
                r.x_ProcessingTier,
                r.x_QuantityScaleDetected,
                r.x_TagCostCenter,
                r.tokens,
                r.per1m,
                r.rowCount,
            ]);
            expect(compact).toEqual([
                ['2026-10-05', 'davinci-002', null, null, null, null, 'cc-1', null, null, 1],
                [
                    '2026-10-05',
                    'gpt-4.1',
                    'Input',
                    'Read',
                    'Standard',
                    'Blocks',
                    'cc-1',
                    '1000000.000000',
                    '0.500000000000',
                    1,
                ],
                [
                    '2026-10-05',
                    'gpt-4.1',
                    'Input',
                    'Uncached',
                    'Batch',
                    'Blocks',
                    'cc-1',
                    '1000000.000000',
                    '1.000000000000',
                    1,
                ],
                [
                    '2026-10-05',
                    'gpt-4.1',
                    'Input',
                    'Uncached',
                    'Standard',
                    'Blocks',
                    'cc-1',
                    '2001000.000000',
                    '2.000999500250',
                    2,
                ],
                ['2026-10-05', 'gpt-4.1', 'Input', 'Uncached', 'Standard', 'Unknown', 'cc-1', null, null, 1],
                [
                    '2026-10-05',
                    'gpt-4.1',
                    'Output',
                    null,
                    'Standard',
                    'Blocks',
                    'cc-1',
                    '500000.000000',
                    '8.000000000000',
                    1,
                ],
                [
                    '2026-10-05',
                    'gpt-4.1',
                    'Output',
                    null,
                    'Standard',
                    'Blocks',
                    'cc-2',
                    '1000.000000',
                    '8.000000000000',
                    1,
                ],
                [
                    '2026-10-05',
                    'gpt-5-mini',
                    'Input',
                    'Read',
                    'Standard',
                    'Blocks',
                    'cc-1',
                    '1000000.000000',
                    '0.025000000000',
                    1,
                ],
                [
                    '2026-10-05',
                    'gpt-5-mini',
                    'Input',
                    'Uncached',
                    'Standard',
                    'Tokens',
                    'cc-1',
                    '3000000.000000',
                    '0.250000000000',
                    1,
                ],
                [
                    '2026-10-06',
                    'gpt-4.1',
                    'Input',
                    'Uncached',
                    'Standard',
                    'Blocks',
                    'cc-1',
                    '1000000.000000',
                    '1.500000000000',
                    1,
                ],
            ]);
            const merged = rows[3];
            expect(merged).toMatchObject({ cost: '4.004000000000000000', per1k: '0.002000999500' });
            expect(merged).toMatchObject({ billedPer1m: '2.000999500250', listPer1m: '2.000999500250' });
            expect(rows[0]).toMatchObject({ x_AIWorkload: 'Hosting', cost: '3.400000000000000000', per1k: null });
            expect(rows[6]).toMatchObject({ x_TagEnvironment: 'dev', x_TagApplication: null });
            expect(rows[1]).toMatchObject({ x_TagEnvironment: 'prod', x_TagApplication: 'chat' });
        });
    });

    it('divides exactly, rounds half away from zero and gives null without tokens', async () => {
        await withConnection(async (connection, dir) => {
            const { partialRows } = await buildAiUnitEconomics(connection, dir, [PART_2]);
            expect(partialRows).toEqual([1]);
            const big = '12345678901.123456789012345678';
            const crafted = join(dir, 'crafted.parquet');
            await connection.run(
                `copy (
                    select p.* replace (
                        v.day::date as x_ChargeDate, v.tokens::decimal(38, 6) as x_TokenCount,
                        v.cost::decimal(38, 18) as BilledCost, v.cost::decimal(38, 18) as EffectiveCost,
                        v.cost::decimal(38, 18) as ListCost
                    )
                    from read_parquet(${quotedString(join(dir, 'partial_0.parquet'))}) as p,
                        (values ('2026-10-01', '3', '1'), ('2026-10-02', '3', '-2'), ('2026-10-03', '0', '1'),
                                ('2026-10-04', '7', '${big}')) as v(day, tokens, cost)
                ) to ${quotedString(crafted)} (format parquet)`,
            );
            const output = join(dir, 'merged.parquet');
            expect(await mergeAiUnitEconomics(connection, [crafted, crafted], output)).toBe(4);
            const rows = await rowsOf(
                connection,
                `select x_TokenCount::varchar as tokens, x_EffectiveCostPer1KTokens::varchar as per1k,
                        x_EffectiveCostPer1MTokens::varchar as per1m, x_RowCount::int as rowCount
                 from read_parquet(${quotedString(output)}) order by x_ChargeDate`,
            );
            const costPicos = 24691357802246913578025n; // 2 × big = 24691357802.246913578024691356, to 12 decimals
            const tokenMicros = 14n * 10n ** 6n;
            const rounded = (scale: bigint) => (costPicos * scale * 2n + tokenMicros) / (tokenMicros * 2n);
            const decimal = (units: bigint) => `${units / 10n ** 12n}.${String(units % 10n ** 12n).padStart(12, '0')}`;
            expect(rows).toEqual([
                { tokens: '6.000000', per1k: '333.333333333333', per1m: '333333.333333333333', rowCount: 2 },
                { tokens: '6.000000', per1k: '-666.666666666667', per1m: '-666666.666666666667', rowCount: 2 },
                { tokens: '0.000000', per1k: null, per1m: null, rowCount: 2 },
                {
                    tokens: '14.000000',
                    per1k: decimal(rounded(10n ** 9n)),
                    per1m: decimal(rounded(10n ** 12n)),
                    rowCount: 2,
                },
            ]);
            await expect(mergeAiUnitEconomics(connection, [], output)).rejects.toMatchObject({
                code: 'TransformFailed',
            });
        });
    });
});
