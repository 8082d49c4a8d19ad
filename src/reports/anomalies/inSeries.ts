/**
 * Whether a cell (or a series) belongs to a series: it has the series' value in every column the series is cut by. One
 * not cut by such a column spans all its values, so untagged cost (`{"x_TagCostCenter": null}`) does not hold a model.
 */
export function inSeries(series: Record<string, string | null>, cell: Record<string, string | null>): boolean {
    return Object.entries(series).every(([column, value]) => column in cell && cell[column] === value);
}

/** Whether one of two series holds the other (or they are the same). */
export function nestedSeries(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
    return inSeries(a, b) || inSeries(b, a);
}
