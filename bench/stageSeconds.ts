/** Seconds per pipeline stage, summed over the log lines (`transform 900 ms`, `insights 310 ms`, …). */
export function stageSeconds(logs: readonly string[]): Record<string, number> {
    const stages: Record<string, number> = {};
    for (const line of logs) {
        for (const [, stage = '', ms = '0'] of line.matchAll(/(\w+) (\d+) ms/g)) {
            stages[stage] = (stages[stage] ?? 0) + Number(ms) / 1000;
        }
    }
    return stages;
}

/** The rows the log says the run published, or undefined when it did not succeed. */
export function publishedRows(logs: readonly string[]): number | undefined {
    const line = logs.find((text) => /: succeeded, \d+ rows/.test(text));
    const match = line?.match(/: succeeded, (\d+) rows/);
    return match ? Number(match[1]) : undefined;
}
