import { TransientError } from '../errors';
import { sameRun } from '../focus/runRef';
import { PipelineDeps } from './pipelineDeps';
import { Lease, Versioned } from './ports';

/** The lease that serialises publishing into one dataset and month (scope folders nest, so all scopes share it). */
export const leaseName = (dataset: string, month: string): string => `${dataset}/${month}`;

/** Who holds a lease: a run, and which claim of it (a run re-claimed after a crash is a new holder). */
export type LeaseHolder = Lease['holder'];

const sameHolder = (a: LeaseHolder, b: LeaseHolder): boolean => sameRun(a, b) && a.claim === b.claim;

const ownHolder = ({ scope, runId, claim }: LeaseHolder): LeaseHolder => ({ scope, runId, claim });

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
        const taken = stored?.value;
        if (taken && !sameHolder(taken.holder, holder) && !deps.exclusive && Date.parse(taken.expiresAt) > now) {
            return 'busy';
        }
        // Only what identifies the holder: callers pass whole run records, which a lease has no room for.
        const lease: Lease = { ...taken, name, holder: ownHolder(holder), expiresAt: expiry(deps) };
        const etag = await deps.runs.putLease(lease, stored?.etag);
        if (etag !== undefined) return held({ value: lease, etag }, deps);
    }
}

const expiry = (deps: PipelineDeps) => new Date(Date.now() + deps.timing.leaseMs).toISOString();

/** Every write is conditional on the etag of this holder's last write, which proves nobody took the lease over. */
function held(initial: Versioned<Lease>, deps: PipelineDeps): HeldLease {
    let { value: lease, etag } = initial;
    const lost = () =>
        new TransientError(
            'PublishBusy',
            `Run ${lease.holder.runId} lost the publish lease ${lease.name} to another worker, which will finish the swap.`,
        );
    return {
        current: () => lease,
        async record(swap) {
            const next: Lease = { ...lease, expiresAt: expiry(deps) };
            if (swap) next.swap = swap;
            else delete next.swap;
            const written = await deps.runs.putLease(next, etag);
            if (written === undefined) throw lost();
            [lease, etag] = [next, written];
        },
        async release() {
            if (!(await deps.runs.deleteLease(lease.name, etag))) throw lost();
        },
    };
}
