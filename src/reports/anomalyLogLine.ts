/** What one computeInsights run found, for the log line an Azure Monitor alert parses. */
export interface AnomalySummary {
    scope: string;
    /** `YYYY-MM`. */
    month: string;
    /** Anomalies not in the Anomalies data published before for this scope and month. */
    newAnomalies: number;
    /** Highest score among the new anomalies; null when there are none. */
    highestScore: number | null;
}

/** `Anomalies <scope> <YYYY-MM>: <n> new, highest score <score>` (score with 2 decimals, `0.00` when none is new). */
export function anomalyLogLine(summary: AnomalySummary): string {
    const score = (summary.highestScore ?? 0).toFixed(2);
    return `Anomalies ${summary.scope} ${summary.month}: ${summary.newAnomalies} new, highest score ${score}`;
}
