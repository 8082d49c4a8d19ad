import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

/** A Foundry Models token row: meter from the 2026-08 retail price list, costs = quantity × price. */
function tokenRow(
    id: string,
    meter: { meterId: string; name: string; product: string; unit: '1K' | '1M' },
    quantity: { pricing: string; consumed: string },
    price: string,
    cost: string,
): Record<string, string> {
    return {
        ...baseRow,
        ChargeDescription: id,
        ServiceCategory: 'AI and Machine Learning',
        ServiceName: 'Foundry Models',
        ResourceType: 'Foundry',
        x_ResourceType: 'microsoft.cognitiveservices/accounts',
        ResourceName: 'ai1',
        ConsumedUnit: 'Tokens',
        PricingUnit: 'Tokens',
        x_SkuMeterCategory: 'Foundry Models',
        x_SkuMeterSubcategory: meter.product,
        x_SkuMeterName: meter.name,
        x_SkuMeterId: meter.meterId,
        x_PricingUnitDescription: meter.unit,
        x_PricingBlockSize: meter.unit === '1K' ? '1000' : '1000000',
        PricingQuantity: quantity.pricing,
        ConsumedQuantity: quantity.consumed,
        ListUnitPrice: price,
        ContractedUnitPrice: price,
        x_EffectiveUnitPrice: price,
        x_BilledUnitPrice: price,
        ListCost: cost,
        ContractedCost: cost,
        BilledCost: cost,
        EffectiveCost: cost,
        x_SkuDetails: '',
    };
}

const GPT_4O_INPUT_DZ = {
    meterId: 'eb05e855-2925-5eee-b8b6-89540cc2bf96',
    name: 'gpt 4o 0513 Input Data Zone Tokens',
    product: 'Azure OpenAI',
    unit: '1K',
} as const;
const GPT_5_MINI_PRIORITY_INPUT_GLOBAL = {
    meterId: 'bb84db1c-b925-585d-876c-82658e4bf570',
    name: '5 mini pp Inp Gl 1M Tokens',
    product: 'Azure OpenAI GPT5',
    unit: '1M',
} as const;
const MAI_O = {
    meterId: '823372b9-91ba-521b-9677-291a55f12b85',
    name: 'MAI o Tokens',
    product: 'MAI Models',
    unit: '1K',
} as const;

const ROWS = [
    tokenRow('blocks', GPT_4O_INPUT_DZ, { pricing: '2.5', consumed: '2500' }, '0.0055', '0.01375'),
    tokenRow(
        'raw-tokens',
        GPT_5_MINI_PRIORITY_INPUT_GLOBAL,
        { pricing: '2000000', consumed: '2000000' },
        '0.45',
        '0.9',
    ),
    tokenRow('unknown-model', MAI_O, { pricing: '4', consumed: '4000' }, '0.02145', '0.0858'),
    tokenRow('bad-cost', GPT_4O_INPUT_DZ, { pricing: '2.5', consumed: '2500' }, '0.0055', '1'),
    // Usage rounded away: no quantity, no cost. Nothing proves the scale, but 0 tokens is 0 at either scale.
    tokenRow('zero', GPT_4O_INPUT_DZ, { pricing: '0', consumed: '0' }, '0.0055', '0'),
    { ...baseRow, ChargeDescription: 'vm' },
];

const AI_COLUMNS = [
    'x_ModelDeveloper',
    'x_ModelFamily',
    'x_ModelId',
    'x_ModelVersion',
    'x_TokenDirection',
    'x_CacheAction',
    'x_DeploymentType',
    'x_ProcessingTier',
    'x_AIWorkload',
    'x_TokenCount',
    'x_QuantityScaleDetected',
    'x_BilledCostPerMillionTokens',
    'x_EffectiveCostPerMillionTokens',
    'x_ListCostPerMillionTokens',
];

describe('transformCosts AI columns', () => {
    it('classifies AI meters, counts tokens, keeps totals and flags what it cannot tell', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            writeFocusCsv(input, '1.0r2', ROWS);
            const output = join(dir, 'out.parquet');
            const totals = await transformCosts(
                connection,
                { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' },
                output,
            );

            const [before] = await rowsOf(
                connection,
                `select count(*)::bigint as rows, sum(BilledCost::decimal(38, 18))::varchar as billedCost,
                        sum(EffectiveCost::decimal(38, 18))::varchar as effectiveCost
                 from read_csv(${quotedString(input)}, header = true, all_varchar = true)`,
            );
            expect(totals).toMatchObject({
                rows: 6,
                sums: { BilledCost: '3.234117890123456789', EffectiveCost: '3.234117890123456789' },
            });
            expect(before).toEqual({
                rows: '6',
                billedCost: '3.234117890123456789',
                effectiveCost: '3.234117890123456789',
            });

            const rows = await rowsOf(
                connection,
                `select ChargeDescription as id, x_SourceChanges, ${AI_COLUMNS.join(', ')}
                 from read_parquet(${quotedString(output)})`,
            );
            const byId = Object.fromEntries(rows.map((row) => [String(row.id), row]));
            expect(byId.blocks).toMatchObject({
                x_ModelDeveloper: 'OpenAI',
                x_ModelFamily: 'gpt-4o',
                x_ModelId: 'gpt-4o',
                x_ModelVersion: '2024-05-13',
                x_TokenDirection: 'Input',
                x_CacheAction: 'Uncached',
                x_DeploymentType: 'DataZone',
                x_ProcessingTier: 'Standard',
                x_AIWorkload: 'Inference',
                x_TokenCount: '2500.000000',
                x_QuantityScaleDetected: 'Blocks',
                x_BilledCostPerMillionTokens: '5.500000000000',
                x_EffectiveCostPerMillionTokens: '5.500000000000',
                x_ListCostPerMillionTokens: '5.500000000000',
            });
            expect(byId['raw-tokens']).toMatchObject({
                x_ModelId: 'gpt-5-mini',
                x_TokenDirection: 'Input',
                x_DeploymentType: 'Global',
                x_ProcessingTier: 'Priority',
                x_TokenCount: '2000000.000000',
                x_QuantityScaleDetected: 'Tokens',
                x_EffectiveCostPerMillionTokens: '0.450000000000',
            });
            expect(byId['unknown-model']).toMatchObject({
                x_ModelId: 'unknown',
                x_TokenCount: '4000.000000',
                x_QuantityScaleDetected: 'Blocks',
            });
            expect(byId['unknown-model']?.x_SourceChanges).toBe('AIModelUnknown,AIDirectionUnknown');
            expect(byId['bad-cost']).toMatchObject({
                x_ModelId: 'gpt-4o',
                x_TokenCount: null,
                x_QuantityScaleDetected: 'Unknown',
                x_EffectiveCostPerMillionTokens: null,
            });
            expect(byId['bad-cost']?.x_SourceChanges).toBe('AIQuantityScaleUnknown');
            expect(byId.zero).toMatchObject({
                x_ModelId: 'gpt-4o',
                x_TokenCount: '0.000000',
                x_QuantityScaleDetected: 'Unknown',
                x_EffectiveCostPerMillionTokens: null,
                x_SourceChanges: null,
            });
            expect(byId.blocks?.x_SourceChanges).toBeNull();
            for (const column of AI_COLUMNS) expect(byId.vm?.[column]).toBeNull();
            expect(byId.vm?.x_SourceChanges).toBeNull();
        });
    });
});
