import { PipelineError, TransientError } from '../../errors';

/** HTTP statuses the SDKs retry with backoff before giving up: throttling (429) and Azure Monitor's 529. */
const THROTTLED = new Set([429, 529, 503]);

/**
 * A failed telemetry request as a coded error naming what was asked: still throttled after the SDK's retries
 * (`TelemetryThrottled`, transient: the next pull tries again), refused for lack of a role (`TelemetryForbidden`), or
 * any other error answer (`TelemetryErrorBody`, with the service's code and message).
 */
export function telemetryError(error: unknown, what: string): PipelineError {
    if (error instanceof PipelineError) return error;
    const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 400) ?? '';
    if (typeof status === 'number' && THROTTLED.has(status)) {
        return new TransientError(
            'TelemetryThrottled',
            `${what} was still throttled (HTTP ${status}) after the retries: ${message}`,
            { cause: error },
        );
    }
    if (status === 401 || status === 403) {
        return new PipelineError(
            'TelemetryForbidden',
            `${what} was refused (HTTP ${status} ${code}): grant the identity Reader and Monitoring Reader there. ${message}`,
            false,
            { cause: error },
        );
    }
    const retryable = typeof status !== 'number' || status >= 500;
    return new PipelineError(
        'TelemetryErrorBody',
        `${what} failed${typeof status === 'number' ? ` (HTTP ${status} ${code})` : ''}: ${message}`,
        retryable,
        { cause: error },
    );
}
