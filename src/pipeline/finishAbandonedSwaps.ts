import { randomUUID } from 'node:crypto';

import { ensureError } from '../errors';
import { finishSwap } from './finishSwap';
import { PipelineDeps } from './pipelineDeps';
import { acquireLease, expired } from './publishLease';

/**
 * Takes over every lease whose holder went silent, finishes the folder swap it still records, and releases it: the
 * swap of an insights refresh that died (its run has already succeeded, so no run sweep would get to it), or of a run
 * whose record is gone, each finished or rolled back (see finishSwap). A swap of a run still publishing is finished
 * the same way; that run is then ended by its next claim. No lease is left behind.
 */
export async function finishAbandonedSwaps(deps: PipelineDeps): Promise<void> {
    for (const { value: lease } of await deps.runs.listLeases()) {
        if (!deps.exclusive && !expired(lease, deps)) continue;
        try {
            const held = await acquireLease(
                lease.name,
                { ...(lease.swap?.run ?? lease.holder), claim: randomUUID() },
                deps,
            );
            if (held === 'busy') continue;
            await finishSwap(held, deps);
            await held.release();
        } catch (error) {
            deps.log(`Lease ${lease.name}: its swap could not be finished yet: ${ensureError(error).message}`);
        }
    }
}
