import { formatColumns } from '../reports/formatColumns';
import type { TokenMatrix } from '../reports/tokens/queryTokenMatrix';

type Cells = TokenMatrix['totals'];

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
    const percent = (ratio: number | null) => (ratio === null ? '-' : `${(ratio * 100).toFixed(1)} %`);
    return [
        formatColumns([header, ...lines], by.length),
        '',
        `cache-hit ratio  ${percent(matrix.cacheHitRatio)}  (cached input / all input tokens)`,
        `batch share      ${percent(matrix.batchShare)}  (Batch-tier tokens / all tokens)`,
        '',
    ].join('\n');
}
