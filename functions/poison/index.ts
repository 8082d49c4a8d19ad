import { app, InvocationContext } from '@azure/functions';

import { ensureError } from '../../src/errors';
import { parseWorkItem } from '../../src/pipeline/parseWorkItem';
import { recordPoisoned } from '../../src/pipeline/recordPoisoned';
import { hubDeps } from '../hubDeps';

/**
 * A part message the host gave up on (every attempt crashed, ran out of memory or timed out) lands on the parts
 * queue's poison queue: its run fails with `PartPoisoned`, unless only its publish was interrupted (the sweeper
 * finishes those). A message that is not a work item is logged and dropped.
 */
export async function poison(message: unknown, context: InvocationContext): Promise<void> {
    let item;
    try {
        item = parseWorkItem(message);
    } catch (error) {
        context.error(`Dropping poison message: ${ensureError(error).message}`);
        return;
    }
    try {
        const run = await recordPoisoned(item, hubDeps(context));
        context.log(`Poisoned part ${item.runId}#${item.index}: run ${run?.status ?? 'not found'}.`);
    } catch (error) {
        context.error(`Poisoned part ${item.runId}#${item.index}: ${ensureError(error).message}`);
        throw error;
    }
}

app.storageQueue('poison', {
    queueName: '%HUB_PARTS_QUEUE%-poison',
    connection: 'HubStorage',
    handler: poison,
});
