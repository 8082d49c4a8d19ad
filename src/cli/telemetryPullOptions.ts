import { PipelineError } from '../errors';
import { retentionStart, telemetryPeriods } from '../focus/telemetry/telemetryPeriods';

/** The periods (one per month) `telemetry pull` fetches: `--from` (default: the 1st of this month) to `--to`. */
export function pullPeriods(from: string | undefined, to: string | undefined, now: Date): { start: Date; end: Date }[] {
    const date = (text: string, option: string) => {
        const value = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
        if (Number.isNaN(value.getTime())) {
            throw new PipelineError(
                'UsageError',
                `${option} must be a date (YYYY-MM-DD) or an ISO UTC time, got "${text}".`,
            );
        }
        return value;
    };
    const start = from ? date(from, '--from') : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const end = to ? date(to, '--to') : now;
    if (end > now) throw new PipelineError('UsageError', `--to ${to ?? ''} is in the future.`);
    if (!(start < end)) throw new PipelineError('UsageError', '--from must be before --to.');
    if (start < retentionStart(now)) {
        throw new PipelineError(
            'UsageError',
            `--from ${from ?? ''} is more than 93 days ago: Azure Monitor keeps metrics for 93 days (earliest ${retentionStart(now).toISOString().slice(0, 10)}).`,
        );
    }
    return telemetryPeriods(start, end);
}

/** `--subscription`: a subscription GUID, lower-cased. */
export function subscriptionOption(text: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) {
        throw new PipelineError('UsageError', `--subscription must be a subscription id (GUID), got "${text}".`);
    }
    return text.toLowerCase();
}
