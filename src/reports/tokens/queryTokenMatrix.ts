import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import { tokenRowsSql } from './tokenRowsSql';

/** Dimensions `finops-hub tokens --by` accepts: the column names of `sql/ai_token_rows_v1_2.sql`. */
export const TOKEN_DIMENSIONS = [
    'model',
    'version',
    'family',
    'developer',
    'direction',
    'deployment',
    'tier',
    'workload',
    'day',
    'currency',
    'subaccount',
    'resource',
    'costcenter',
    'environment',
    'application',
    'deploymentname',
    'consumer',
] as const;

export type TokenDimension = (typeof TOKEN_DIMENSIONS)[number];

type Cells = Record<string, string | number | null>;

export interface TokenMatrix {
    rows: Cells[];
    totals: Cells;
    /** Cached input tokens ÷ all input tokens (uncached + cache read + cache write); null without input tokens. */
    cacheHitRatio: number | null;
    /** Batch-tier tokens ÷ all tokens; null without tokens. */
    batchShare: number | null;
}

const MEASURES = `coalesce(sum(tokens), 0)::varchar as tokens,
    coalesce(sum(effective_cost), 0)::varchar as effectiveCost,
    (sum(effective_cost) * 1000000 / nullif(sum(tokens), 0))::decimal(38, 6)::varchar as effectiveCostPer1MTokens`;

/**
 * Tokens, effective cost and effective cost per 1M tokens (Σcost ÷ Σtokens) of view `ai_unit_economics` (the
 * AIUnitEconomics rows, see loadAiHistory or readPublished) and view `cost_allocation` (CostAllocation: provisioned
 * tokens with their cost, every token by deployment name and consumer; ai_unit_economics must then leave out the
 * accounts it covers), grouped by `by`, for `month` (YYYY-MM) or every month.
 */
export async function queryTokenMatrix(
    connection: DuckDBConnection,
    month: string | undefined,
    by: readonly TokenDimension[],
): Promise<TokenMatrix> {
    const source = `(
        select * from (${tokenRowsSql()})
        union all by name
        select * from (${tokenRowsSql(true)})
    ) as token_rows`;
    const columns = by.map((name) => quotedIdentifier(name)).join(', ');
    const read = async (sql: string) =>
        (await connection.runAndReadAll(sql, { month: month ?? null })).getRowObjectsJson() as Cells[];
    const rows = await read(`select ${columns}, ${MEASURES} from ${source} group by ${columns} order by ${columns}`);
    const [totals = {}] = await read(
        `select ${MEASURES},
            round(sum(cached_tokens) / nullif(sum(input_tokens), 0), 6) as cacheHitRatio,
            round(sum(batch_tokens) / nullif(sum(tokens), 0), 6) as batchShare
         from ${source}`,
    );
    const { cacheHitRatio = null, batchShare = null, ...sums } = totals;
    return {
        rows: rows.map(trimmed),
        totals: trimmed(sums),
        cacheHitRatio: cacheHitRatio === null ? null : Number(cacheHitRatio),
        batchShare: batchShare === null ? null : Number(batchShare),
    };
}

/** Decimal text without trailing fraction zeros (`2001000.000000` → `2001000`). */
function trimmed(cells: Cells): Cells {
    const measures = ['tokens', 'effectiveCost', 'effectiveCostPer1MTokens'];
    return Object.fromEntries(
        Object.entries(cells).map(([key, value]) => [
            key,
            measures.includes(key) && typeof value === 'string' && value.includes('.')
                ? value.replace(/\.?0+$/, '')
                : value,
        ]),
    );
}
