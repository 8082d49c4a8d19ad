import { TransientError } from '../errors';
import { RunRef } from '../focus/runRef';
import { PipelineDeps } from './pipelineDeps';
import { Lease, Versioned } from './ports';

/** The lease that serialises publishing into one dataset and month (scope folders nest, so all scopes share it). */
export const leaseName = (dataset: string, month: string): string => `${dataset}/${month}`;

export const sameRun = (a: RunRef, b: RunRef): boolean => a.scope === b.scope && a.runId === b.runId;

/** Who holds a lease: a run, and which claim of it (a run re-claimed after a crash is a new holder). */
export type LeaseHolder = Lease['holder'];

const sameHolder = (a: LeaseHolder, b: LeaseHolder): boolean => sameRun(a, b) && a.claim === b.claim;

/** A held lease: renew it as work goes on; every renewal proves nobody took it over meanwhile. */
export interface HeldLease {
    current(): Lease;
    /** Extends the lease and records the swap step (undefined: none in progress); throws `PublishBusy` if it was lost. */
    record(swap: Lease['swap']): Promise<void>;
    release(): Promise<void>;
}

/**
 * Takes the lease `name` for `holder`: free, expired, already the holder's, or (with `deps.exclusive`, when no other
 * worker can be alive) held by a dead worker. Returns 'busy' when another live run holds it. A swap the previous
 * holder left unfinished stays recorded in the lease, for the new holder to finish first.
 */
export async function acquireLease(name: string, holder: LeaseHolder, deps: PipelineDeps): Promise<HeldLease | 'busy'> {
    for (;;) {
        const stored = await deps.runs.getLease(name);
        const now = Date.now();
        const expiresAt = new Date(now + deps.timing.leaseMs).toISOString();
        const taken = stored?.value;
        if (taken && !sameHolder(taken.holder, holder) && !deps.exclusive && Date.parse(taken.expiresAt) > now) {
            return 'busy';
        }
        const lease: Lease = { ...taken, name, holder: { ...holder }, expiresAt };
        if (await deps.runs.putLease(lease, stored?.etag)) return held(lease, deps);
    }
}

function held(initial: Lease, deps: PipelineDeps): HeldLease {
    let lease = initial;
    const stored = async (): Promise<Versioned<Lease>> => {
        const found = await deps.runs.getLease(lease.name);
        if (!found || !sameHolder(found.value.holder, lease.holder) || found.value.expiresAt !== lease.expiresAt) {
            throw new TransientError(
                'PublishBusy',
                `Run ${lease.holder.runId} lost the publish lease ${lease.name} to another worker; it will finish the swap.`,
            );
        }
        return found;
    };
    return {
        current: () => lease,
        async record(swap) {
            const { etag } = await stored();
            const next: Lease = { ...lease, expiresAt: new Date(Date.now() + deps.timing.leaseMs).toISOString() };
            if (swap) next.swap = swap;
            else delete next.swap;
            if (!(await deps.runs.putLease(next, etag))) {
                throw new TransientError('PublishBusy', `Publish lease ${lease.name} changed while it was held.`);
            }
            lease = next;
        },
        async release() {
            const { etag } = await stored();
            await deps.runs.deleteLease(lease.name, etag);
        },
    };
}
