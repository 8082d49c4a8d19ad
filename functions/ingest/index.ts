import { app, InvocationContext } from '@azure/functions';

import { ensureError } from '../../src/errors';
import { isExportManifest } from '../../src/focus/runManifest';
import { planRun } from '../../src/pipeline/planRun';
import { hubDeps } from '../hubDeps';

/**
 * A blob landed in msexports (Event Grid). Acts on an export's `manifest.json` only: validates it, records the run and
 * queues its parts. Bad manifests are recorded as failed runs; storage failures are rethrown so the host retries.
 * A `telemetry.json` is not planned here: the telemetry timer plans the folders it lands, and on its next run any
 * telemetry folder not yet planned (one landed by hand); planning it here too would requeue a running run's parts.
 */
export async function ingest(_blob: unknown, context: InvocationContext): Promise<void> {
    const name = typeof context.triggerMetadata?.name === 'string' ? context.triggerMetadata.name : '';
    if (!isExportManifest(name)) {
        context.log(`Ignoring ${name}: not a manifest.`);
        return;
    }
    try {
        const run = await planRun(name, hubDeps(context));
        context.log(`Manifest ${name}: run ${run.runId} ${run.status}${run.errorCode ? ` (${run.errorCode})` : ''}.`);
    } catch (error) {
        context.error(`Manifest ${name}: ${ensureError(error).message}`);
        throw error;
    }
}

app.storageBlob('ingest', {
    path: '%HUB_EXPORTS_CONTAINER%/{name}',
    connection: 'HubStorage',
    source: 'EventGrid',
    handler: ingest,
});
