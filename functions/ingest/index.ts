import { app, InvocationContext } from '@azure/functions';

import { ensureError } from '../../src/errors';
import { planRun } from '../../src/pipeline/planRun';
import { hubDeps } from '../hubDeps';

/**
 * A blob landed in msexports (Event Grid). Acts on `manifest.json` only: validates it, records the run and queues its
 * parts. Bad manifests are recorded as failed runs; storage failures are rethrown so the host retries.
 */
export async function ingest(_blob: unknown, context: InvocationContext): Promise<void> {
    const name = typeof context.triggerMetadata?.name === 'string' ? context.triggerMetadata.name : '';
    if (name.split('/').pop() !== 'manifest.json') {
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
