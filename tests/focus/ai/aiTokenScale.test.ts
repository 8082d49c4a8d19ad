import { join } from 'node:path';

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

import { loadSql } from '../../../src/focus/loadAsset';

/** The Costs dataset's folder, where its SQL steps live. */
const COSTS_DIR = join(__dirname, '../../../src/focus/datasets/costs');

const COLUMNS = [
    'id',
    'PricingQuantity',
    'ConsumedQuantity',
    'x_PricingBlockSize',
    'EffectiveCost',
    'BilledCost',
    'ListCost',
    'x_EffectiveUnitPrice',
    'ContractedUnitPrice',
    'ListUnitPrice',
    'x_TokenBlockSize',
] as const;

// id, PricingQuantity, ConsumedQuantity, x_PricingBlockSize, EffectiveCost, BilledCost, ListCost,
// x_EffectiveUnitPrice, ContractedUnitPrice, ListUnitPrice, x_TokenBlockSize
const ROWS: (string | number | null)[][] = [
    ['1k-blocks', 2.5, 2500, 1000, 0.005, 0.005, 0.005, 0.002, 0.002, 0.002, 1000],
    ['1k-tokens', 4000, 4000, 1000, 0.008, 0.008, 0.008, 0.002, 0.002, 0.002, 1000],
    ['1m-blocks', 0.5, 500000, 1000000, 5, 5, 5, 10, 10, 10, 1000000],
    ['1m-tokens', 2000000, 2000000, 1000000, 2.5, 2.5, 2.5, 1.25, 1.25, 1.25, 1000000],
    ['zero-price-ratio', 3, 3000, 1000, 0, 0, 0, 0, 0, 0, 1000],
    ['zero-price-flat', 3, 3, 1000, 0, 0, 0, 0, 0, 0, 1000],
    ['reserved-amortized', 2, 2000000, 1000000, 20, 0, 30, 10, 0, 15, 1000000],
    ['inconsistent', 2.5, 2500, 1000, 0.05, 0.05, 0.05, 0.002, 0.002, 0.002, 1000],
    ['conflicting', 2.5, 2500, 1000, 0.005, 0.000005, 0.005, 0.002, 0.002, 0.002, 1000],
    ['zero-quantity', 0, 0, 1000, 0, 0, 0, 0.002, 0.002, 0.002, 1000],
    // Prices read as 1K blocks, but 1 block is 1,000,000 consumed units and the export states 1M blocks.
    ['consumed-contradicts-blocks', 1, 1000000, 1000000, 1, 1, 1, 1, 1, 1, 1000],
    // Prices read as raw tokens, but 1,000 of them consumed 1,000,000 units: 1K blocks priced per 1M.
    ['consumed-contradicts-tokens', 1000, 1000000, 1000, 1, 1, 1, 1, 1, 1, 1000],
    ['stated-block-differs', 2.5, 2500, 1000000, 0.005, 0.005, 0.005, 0.002, 0.002, 0.002, 1000],
    ['correction', -2.5, -2500, 1000, -0.005, -0.005, -0.005, 0.002, 0.002, 0.002, 1000],
    ['not-tokens', 5, 5, 1, 10, 10, 10, 2, 2, 2, null],
];

async function scale(connection: DuckDBConnection): Promise<Record<string, Record<string, unknown>>> {
    const decimal = 'decimal(38, 18)';
    await connection.run(
        `create table ai_rows (id varchar, ${COLUMNS.slice(1, -1)
            .map((c) => `${c} ${decimal}`)
            .join(', ')}, x_TokenBlockSize bigint)`,
    );
    const values = ROWS.map(
        (row) => `(${row.map((v) => (v === null ? 'null' : typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`,
    );
    await connection.run(`insert into ai_rows values ${values.join(', ')}`);
    const reader = await connection.runAndReadAll(
        `select * from (${loadSql('ai_token_scale_v1_2', COSTS_DIR)}) order by id`,
    );
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    return Object.fromEntries(rows.map((row) => [String(row.id), row]));
}

describe('ai_token_scale_v1_2.sql', () => {
    let instance: DuckDBInstance;
    let connection: DuckDBConnection;
    let out: Record<string, Record<string, unknown>>;

    beforeAll(async () => {
        instance = await DuckDBInstance.create(':memory:');
        connection = await instance.connect();
        out = await scale(connection);
    });

    afterAll(() => {
        connection.closeSync();
        instance.closeSync();
    });

    const pick = (id: string) => {
        const row = out[id] ?? {};
        return {
            scale: row.x_QuantityScaleDetected,
            tokens: row.x_TokenCount === null ? null : Number(row.x_TokenCount),
            effective:
                row.x_EffectiveCostPerMillionTokens === null ? null : Number(row.x_EffectiveCostPerMillionTokens),
            list: row.x_ListCostPerMillionTokens === null ? null : Number(row.x_ListCostPerMillionTokens),
            billed: row.x_BilledCostPerMillionTokens === null ? null : Number(row.x_BilledCostPerMillionTokens),
        };
    };

    it('detects blocks and raw tokens for 1K and 1M meters', () => {
        expect(pick('1k-blocks')).toEqual({ scale: 'Blocks', tokens: 2500, effective: 2, list: 2, billed: 2 });
        expect(pick('1k-tokens')).toEqual({ scale: 'Tokens', tokens: 4000, effective: 2, list: 2, billed: 2 });
        expect(pick('1m-blocks')).toEqual({ scale: 'Blocks', tokens: 500000, effective: 10, list: 10, billed: 10 });
        expect(pick('1m-tokens')).toEqual({
            scale: 'Tokens',
            tokens: 2000000,
            effective: 1.25,
            list: 1.25,
            billed: 1.25,
        });
    });

    it('falls back to the quantity ratio on zero-price rows and to amortized prices on reserved rows', () => {
        expect(pick('zero-price-ratio')).toEqual({ scale: 'Blocks', tokens: 3000, effective: 0, list: 0, billed: 0 });
        expect(pick('zero-price-flat')).toEqual({
            scale: 'Unknown',
            tokens: null,
            effective: null,
            list: null,
            billed: null,
        });
        expect(pick('reserved-amortized')).toEqual({
            scale: 'Blocks',
            tokens: 2000000,
            effective: 10,
            list: 15,
            billed: 0,
        });
    });

    it('refuses to guess on inconsistent or conflicting rows', () => {
        expect(pick('inconsistent')).toEqual({
            scale: 'Unknown',
            tokens: null,
            effective: null,
            list: null,
            billed: null,
        });
        expect(pick('conflicting')).toEqual({
            scale: 'Unknown',
            tokens: null,
            effective: null,
            list: null,
            billed: null,
        });
    });

    it('refuses to guess when the quantities or the stated block size contradict the prices', () => {
        const unknown = { scale: 'Unknown', tokens: null, effective: null, list: null, billed: null };
        expect(pick('consumed-contradicts-blocks')).toEqual(unknown);
        expect(pick('consumed-contradicts-tokens')).toEqual(unknown);
        expect(pick('stated-block-differs')).toEqual(unknown);
    });

    it("counts a correction's negative quantity as negative tokens at the same unit cost", () => {
        expect(pick('correction')).toEqual({ scale: 'Blocks', tokens: -2500, effective: 2, list: 2, billed: 2 });
    });

    it('counts zero tokens without a unit cost and leaves non-token rows alone', () => {
        expect(pick('zero-quantity')).toEqual({
            scale: 'Unknown',
            tokens: 0,
            effective: null,
            list: null,
            billed: null,
        });
        expect(pick('not-tokens')).toEqual({ scale: null, tokens: null, effective: null, list: null, billed: null });
        expect(Object.keys(out['not-tokens'] ?? {})).toEqual(
            expect.arrayContaining([...COLUMNS, 'x_TokenCount', 'x_QuantityScaleDetected']),
        );
    });
});
