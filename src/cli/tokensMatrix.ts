import { join } from 'node:path';

import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { loadSql } from '../focus/loadAsset';

/** Dimensions `finops-hub tokens --by` accepts: the column names of `sql/ai_tokens_matrix_v1_2.sql`. */
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
] as const;

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
 * Tokens, effective cost and effective cost per 1M tokens (Σcost ÷ Σtokens) of the AIUnitEconomics Parquet files
 * under `datasetFolder`, grouped by `by` (names from TOKEN_DIMENSIONS), for `month` (YYYY-MM) or every month.
 */
export async function queryTokenMatrix(
    connection: DuckDBConnection,
    datasetFolder: string,
    month: string | undefined,
    by: readonly (typeof TOKEN_DIMENSIONS)[number][],
): Promise<TokenMatrix> {
    const files = quotedString(join(datasetFolder, '**', '*.parquet'));
    await connection.run(`create or replace temp view ai_unit_economics as select * from read_parquet(${files})`);
    const source = `(${loadSql('ai_tokens_matrix_v1_2')}) as token_rows`;
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

/** The matrix as a fixed-width table with a totals row, then the cache-hit ratio and batch share. */
export function formatTokenMatrix(matrix: TokenMatrix, by: readonly string[]): string {
    const header = [...by, 'tokens', 'effective cost', 'per 1M tokens'];
    const line = (cells: Cells, labels: string[]) => [
        ...labels,
        String(cells.tokens ?? '0'),
        String(cells.effectiveCost ?? '0'),
        cells.effectiveCostPer1MTokens === null ? '-' : String(cells.effectiveCostPer1MTokens),
    ];
    const lines = [
        ...matrix.rows.map((row) =>
            line(
                row,
                by.map((name) => (row[name] === null ? '-' : String(row[name]))),
            ),
        ),
        line(matrix.totals, ['total', ...by.slice(1).map(() => '')]),
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const text = (cells: string[]) =>
        cells
            .map((cell, i) => (i < by.length ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
            .join('  ')
            .trimEnd();
    const percent = (ratio: number | null) => (ratio === null ? '-' : `${(ratio * 100).toFixed(1)} %`);
    return [
        text(header),
        ...lines.map(text),
        '',
        `cache-hit ratio  ${percent(matrix.cacheHitRatio)}  (cached input / all input tokens)`,
        `batch share      ${percent(matrix.batchShare)}  (Batch-tier tokens / all tokens)`,
        '',
    ].join('\n');
}
