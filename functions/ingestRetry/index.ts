import { app, InvocationContext } from '@azure/functions';

import { readConfig } from '../../src/config';
import { ensureError, PipelineError } from '../../src/errors';
import { isExportManifest } from '../../src/focus/runManifest';
import { parseTriggerPoison } from '../../src/pipeline/parseTriggerPoison';
import { manifestDigest, planRun } from '../../src/pipeline/planRun';
import { hubDeps } from '../hubDeps';

/** Matches host.json `extensions.queues.maxDequeueCount`: after this attempt the message goes to its own poison queue. */
const MAX_ATTEMPTS = 5;

/**
 * A manifest whose `ingest` failed on every attempt (storage unreachable) lands on the blob trigger's poison queue:
 * planned here again, with the queue's retries. If the last attempt fails too, a failed-run line names it, which
 * raises the failed-runs alert: the export is not lost unnoticed. Other blobs' messages are logged and dropped.
 */
export async function ingestRetry(message: unknown, context: InvocationContext): Promise<void> {
    let name;
    try {
        const poison = parseTriggerPoison(message);
        name = poison.container === readConfig().exportsContainer ? poison.blobName : '';
    } catch (error) {
        context.error(`Dropping poison message: ${ensureError(error).message}`);
        return;
    }
    if (!isExportManifest(name)) return context.log(`Ignoring poison message of ${name || 'another container'}.`);
    const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
    try {
        const run = await planRun(name, hubDeps(context));
        context.log(`Manifest ${name} (retried): run ${run.runId} ${run.status}.`);
    } catch (error) {
        const failure = ensureError(error);
        context.error(`Manifest ${name} (retried), attempt ${attempt}: ${failure.message}`);
        if (attempt >= MAX_ATTEMPTS) {
            const code = failure instanceof PipelineError ? failure.code : 'TransformFailed';
            const id = `unplanned-${manifestDigest(name).slice(0, 12)}`;
            context.error(
                `Run ${id} failed: ${code}: manifest ${name} could not be planned after ${MAX_ATTEMPTS} retries ` +
                    `(${failure.message}). Its message is kept on webjobs-blobtrigger-poison-poison: once storage ` +
                    'answers, upload the manifest again (same name) to plan its run.',
            );
        }
        throw error;
    }
}

app.storageQueue('ingestRetry', {
    queueName: 'webjobs-blobtrigger-poison',
    connection: 'HubStorage',
    handler: ingestRetry,
});
