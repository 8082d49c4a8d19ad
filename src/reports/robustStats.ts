/** Order statistics for small samples (daily series aggregates), in double precision. */

/** Median of the values (NaN when there are none). */
export function median(values: ArrayLike<number>): number {
    return quantile(values, 0.5);
}

/** The `p` quantile (0…1) of the values, linearly interpolated between order statistics (Hyndman & Fan type 7). */
export function quantile(values: ArrayLike<number>, p: number): number {
    if (values.length === 0) return Number.NaN;
    const sorted = Float64Array.from(values).sort();
    const position = (sorted.length - 1) * p;
    const below = Math.floor(position);
    const low = sorted[below] ?? Number.NaN;
    const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
    return low + (high - low) * (position - below);
}
