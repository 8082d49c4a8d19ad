/** Identity of an anomaly across runs: day, metric and series (the dimensions' JSON text, keys in a fixed order). */
export function anomalyKey(date: string, metric: string, dimensionsJson: string): string {
    return `${date}|${metric}|${dimensionsJson}`;
}
