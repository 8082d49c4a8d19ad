import { app, InvocationContext } from '@azure/functions';

import { ensureError } from '../../src/errors';
import { parseWorkItem } from '../../src/pipeline/parseWorkItem';
import { PartWorkItem } from '../../src/pipeline/ports';
import { runPart } from '../../src/pipeline/runPart';
import { hubDeps } from '../hubDeps';

/** Matches host.json `extensions.queues.maxDequeueCount`: the attempt after which a part fails its run. */
const MAX_ATTEMPTS = 5;

/**
 * One queued part: convert it to FOCUS Parquet and, when it is the run's last, publish the run. Transient failures are
 * rethrown so the queue delivers the message again; on the last attempt the run is marked failed instead. A message
 * that is not a work item is logged and dropped.
 */
export async function transform(message: unknown, context: InvocationContext): Promise<void> {
    const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
    let item: PartWorkItem;
    try {
        item = parseWorkItem(message);
    } catch (error) {
        context.error(`Dropping queue message: ${ensureError(error).message}`);
        return;
    }
    try {
        const run = await runPart(item, hubDeps(context), { number: attempt, last: attempt >= MAX_ATTEMPTS });
        context.log(`Part ${item.runId}#${item.index}: run ${run?.status ?? 'not found'}.`);
    } catch (error) {
        context.error(`Part ${item.runId}#${item.index}, attempt ${attempt}: ${ensureError(error).message}`);
        throw error;
    }
}

app.storageQueue('transform', {
    queueName: '%HUB_PARTS_QUEUE%',
    connection: 'HubStorage',
    handler: transform,
});
