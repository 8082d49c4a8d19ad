import { createHash } from 'node:crypto';

/** `YYYY-MM-DD-` + 8 hex digits of what identifies an event: its currency, metric, kind and top root cause. */
export function incidentId(
    start: string,
    parts: { currency: string | null; metric: string; direction: string; cause: Record<string, string | null> },
): string {
    const text = JSON.stringify([parts.currency, parts.metric, parts.direction, parts.cause]);
    return `${start}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}
