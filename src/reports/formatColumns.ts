/** Rows of cells as fixed-width text: the first `leftColumns` left-aligned, the rest right-aligned. */
export function formatColumns(rows: string[][], leftColumns: number): string {
    const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
    const text = (cells: string[]) =>
        cells
            .map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
            .join('  ')
            .trimEnd();
    return rows.map(text).join('\n');
}
