import type { TelemetryManifest } from './telemetryManifest';

const compact = (iso: string) => iso.slice(0, 16).replace(/[-T:]/g, '');

/**
 * Where a telemetry folder lands in the exports container, beside the Cost Management exports:
 * `telemetry/{subscription id}/{yyyyMMdd-yyyyMMdd}/{pulled yyyyMMddHHmm}/{runId}` (the period's first and last day).
 */
export function telemetryFolder(manifest: Pick<TelemetryManifest, 'scope' | 'start' | 'end' | 'pulledAt' | 'runId'>) {
    const subscription = manifest.scope.split('/').pop() ?? '';
    const last = new Date(new Date(manifest.end).getTime() - 1).toISOString();
    const period = `${compact(manifest.start).slice(0, 8)}-${compact(last).slice(0, 8)}`;
    return `telemetry/${subscription}/${period}/${compact(manifest.pulledAt)}/${manifest.runId}`;
}
