import { join } from 'node:path';

import { DuckDBConnection } from '@duckdb/node-api';

import {
    mergeAiUnitEconomics,
    writeAiUnitEconomicsPartial,
} from '../../src/focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { transformCosts } from '../../src/focus/datasets/costs/transformCosts';
import { baseRow, writeFocusCsv } from './focusCsv';

/** Foundry Models meters of the 2026-08 retail price list (eastus2), as classified by `src/focus/data/ai-meters.csv`. */
export const METERS = {
    gpt41Input: { id: '5d73b08e-8cfd-51c4-bfb1-aaa5a2c47a2b', name: 'gpt 4.1 Inp glbl Tokens', block: '1000' },
    gpt41Cached: { id: '37631a39-0b96-5637-bd2e-70498f20e83c', name: 'gpt 4.1 cached Inp glbl Tokens', block: '1000' },
    gpt41Output: { id: '9ee6da2e-c336-5ffb-b970-6c4eb086d0bb', name: 'gpt 4.1 Outp glbl Tokens', block: '1000' },
    gpt41BatchInput: {
        id: '7c9671b4-22a0-5c39-872b-f696bdee3887',
        name: 'gpt 4.1 Batch Inp glbl Tokens',
        block: '1000',
    },
    gpt5MiniInput: {
        id: 'c49bbc0f-4a04-5700-b71a-92aa11ab9cee',
        name: 'GPT 5 Mini Inpt Glbl 1M Tokens',
        block: '1000000',
    },
    gpt5MiniCached: {
        id: 'd3fde0bf-d04f-57d4-a8c8-1d8b19d2ca21',
        name: 'GPT 5 Mini cchd Inpt Glbl 1M Tokens',
        block: '1000000',
    },
    davinciHosting: { id: '725a781a-3ba9-5949-ab1a-de469866a3e9', name: 'davinci-002-FT-Hstng-glbl Unit', block: '1' },
} as const;

export type Meter = (typeof METERS)[keyof typeof METERS];

export interface Usage {
    /** Day of the month in 2026-10. */
    day: number;
    /** Tokens (hours for the hosting meter). */
    units: string;
    /** Unit price per priced block. */
    price: string;
    /** How PricingQuantity counts: 1K/1M blocks (Cost Management FOCUS) or raw tokens. Default blocks. */
    scale?: 'blocks' | 'tokens';
    tags?: string;
    /** Cost other than units × price (a row whose scale cannot be proven). */
    cost?: string;
}

/** A FocusCost 1.0r2 row for `meter`: cost = units ÷ block × price, in exact decimals. */
export function aiRow(id: string, meter: Meter, usage: Usage): Record<string, string> {
    const blocks = shift(usage.units, meter.block.length - 1);
    const cost = usage.cost ?? times(blocks, usage.price);
    const day = String(usage.day).padStart(2, '0');
    return {
        ...baseRow,
        ChargeDescription: id,
        ChargePeriodStart: `2026-10-${day}T00:00:00Z`,
        ChargePeriodEnd: `2026-10-${day}T23:59:59Z`,
        ServiceCategory: 'AI and Machine Learning',
        ServiceName: 'Foundry Models',
        ResourceType: 'Foundry',
        x_ResourceType: 'microsoft.cognitiveservices/accounts',
        ResourceId:
            '/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ai1',
        ResourceName: 'ai1',
        ConsumedUnit: meter.block === '1' ? 'Hours' : 'Tokens',
        PricingUnit: meter.block === '1' ? 'Hours' : 'Tokens',
        x_SkuMeterCategory: 'Foundry Models',
        x_SkuMeterSubcategory: meter.block === '1000000' ? 'Azure OpenAI GPT5' : 'Azure OpenAI',
        x_SkuMeterName: meter.name,
        x_SkuMeterId: meter.id,
        x_PricingBlockSize: meter.block,
        PricingQuantity: usage.scale === 'tokens' ? usage.units : blocks,
        ConsumedQuantity: usage.units,
        ListUnitPrice: usage.price,
        ContractedUnitPrice: usage.price,
        x_EffectiveUnitPrice: usage.price,
        x_BilledUnitPrice: usage.price,
        ListCost: cost,
        ContractedCost: cost,
        BilledCost: cost,
        EffectiveCost: cost,
        Tags: usage.tags ?? '{"CostCenter":"cc-1","env":"prod","app":"chat"}',
        x_SkuDetails: '',
    };
}

/**
 * Converts each list of rows as one export part (transformCosts), writes its AIUnitEconomics partial and merges them all
 * into `ai-unit-economics.parquet`. Returns the Costs files, the partial row counts and the merged row count.
 */
export async function buildAiUnitEconomics(
    connection: DuckDBConnection,
    dir: string,
    parts: Record<string, string>[][],
): Promise<{ costs: string[]; partialRows: number[]; rows: number; output: string }> {
    const costs: string[] = [];
    const partials: string[] = [];
    const partialRows: number[] = [];
    for (const [index, rows] of parts.entries()) {
        const csv = join(dir, `part_${index}.csv`);
        writeFocusCsv(csv, '1.0r2', rows);
        costs.push(join(dir, `costs_${index}.parquet`));
        await transformCosts(connection, { path: csv, format: 'csv', dataVersion: '1.0r2', name: csv }, costs[index]!);
        partials.push(join(dir, `partial_${index}.parquet`));
        partialRows.push(await writeAiUnitEconomicsPartial(connection, costs[index]!, partials[index]!));
    }
    const output = join(dir, 'ai-unit-economics.parquet');
    return { costs, partialRows, rows: await mergeAiUnitEconomics(connection, partials, output), output };
}

/** Moves the decimal point `places` to the left. */
function shift(value: string, places: number): string {
    const [whole = '0', fraction = ''] = value.split('.');
    const digits = `${whole}${fraction}`.padStart(fraction.length + places + 1, '0');
    const point = digits.length - fraction.length - places;
    return `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Exact product of two non-negative decimals. */
function times(a: string, b: string): string {
    const scale = (v: string) => (v.split('.')[1] ?? '').length;
    const product = (BigInt(a.replace('.', '')) * BigInt(b.replace('.', ''))).toString();
    return shift(product, scale(a) + scale(b));
}
