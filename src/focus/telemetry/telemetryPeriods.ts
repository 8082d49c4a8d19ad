/** How far back Azure Monitor keeps platform metrics: a pull never starts earlier. */
export const METRICS_RETENTION_DAYS = 93;

/** `[from, to)` cut at month boundaries (UTC): one telemetry folder per month. */
export function telemetryPeriods(from: Date, to: Date): { start: Date; end: Date }[] {
    const periods: { start: Date; end: Date }[] = [];
    let start = from;
    while (start < to) {
        const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
        const end = next < to ? next : to;
        periods.push({ start, end });
        start = end;
    }
    return periods;
}

/** The earliest time metrics can still be asked for at `now`. */
export const retentionStart = (now: Date): Date => new Date(now.getTime() - METRICS_RETENTION_DAYS * 86_400_000);

/** The first instant of `now`'s month, and of the month before it. */
export function monthStarts(now: Date): { current: Date; previous: Date } {
    return {
        current: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
        previous: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
    };
}
