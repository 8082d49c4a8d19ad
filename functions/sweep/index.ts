import { app, InvocationContext, Timer } from '@azure/functions';

import { ensureError } from '../../src/errors';
import { sweepRuns } from '../../src/pipeline/sweepRuns';
import { hubDeps } from '../hubDeps';

/**
 * Every run ends: on a schedule, publishes runs whose parts are all converted but whose publish was lost, takes over
 * publishes and swaps whose worker went silent, queues stalled parts again and fails runs that stall too often
 * (`RunStalled`), recomputes capacity datasets and insights a refresh missed, removes unneeded staging and deletes
 * months past retention.
 */
export async function sweep(_timer: Timer, context: InvocationContext): Promise<void> {
    try {
        const runs = await sweepRuns(hubDeps(context));
        const open = runs.filter((run) => run.status === 'running' || run.status === 'publishing').length;
        context.log(`Sweep: ${runs.length} unfinished run(s) looked at, ${open} still in progress.`);
    } catch (error) {
        context.error(`Sweep: ${ensureError(error).message}`);
        throw error;
    }
}

app.timer('sweep', {
    schedule: '%HUB_SWEEP_SCHEDULE%',
    handler: sweep,
});
