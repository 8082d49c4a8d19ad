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

/**
 * A held lease. Its version (the store's ETag) is the fencing token: every write is conditional on the version this
 * holder wrote last, so the first write after another worker took the lease over fails, and the holder stops.
 */
export interface HeldLease {
    current(): Lease;
    /**
     * The fencing check made before every step that changes staged or published data: renews the lease at its
     * version (and checks the process lock, `deps.checkLock`). Throws `PublishBusy` when the lease was taken over.
     */
    fence(): Promise<void>;
    /** Renews the lease and records the swap step (undefined: none in progress); throws `PublishBusy` if it was lost. */
    record(swap: Lease['swap']): Promise<void>;
    /**
     * Renews the lease once a quarter of it has passed since it was last written (a fence when it does; the process
     * lock is checked every time): what a long piece of work calls between its pieces (each file it stages, reads or
     * merges), so that it keeps the lease while it makes progress.
     */
    keepAlive(): Promise<void>;
    release(): Promise<void>;
}

/**
 * Takes the lease `name` for `holder`: free, expired, already the holder's, or (with `deps.exclusive`, when no other
 * worker can be alive) held by a dead worker. Returns 'busy' when another live run holds it. A swap the previous
 * holder left unfinished stays recorded in the lease, for the new holder to finish first.
 */
export async function acquireLease(name: string, holder: LeaseHolder, deps: PipelineDeps): Promise<HeldLease | 'busy'> {
    deps.checkLock?.();
    for (;;) {
        const stored = await deps.runs.getLease(name);
        const taken = stored?.value;
        if (taken && !sameHolder(taken.holder, holder) && !deps.exclusive && !expired(taken, deps)) return 'busy';
        // Only what identifies the holder: callers pass whole run records, which a lease has no room for.
        const lease: Lease = { ...taken, name, holder: ownHolder(holder), expiresAt: expiry(deps) };
        const etag = await deps.runs.putLease(lease, stored?.etag);
        if (etag !== undefined) return held({ value: lease, etag }, deps);
    }
}

/** Whether a lease has lapsed (its holder went silent for longer than the lease lasts). */
export const expired = (lease: Lease, deps: PipelineDeps): boolean => Date.parse(lease.expiresAt) <= deps.clock();

const expiry = (deps: PipelineDeps) => new Date(deps.clock() + deps.timing.leaseMs).toISOString();

function held(initial: Versioned<Lease>, deps: PipelineDeps): HeldLease {
    let { value: lease, etag } = initial;
    const lost = () =>
        new TransientError(
            'PublishBusy',
            `Run ${lease.holder.runId} lost the publish lease ${lease.name} to another worker, which will finish the swap.`,
        );
    async function record(swap: Lease['swap']): Promise<void> {
        deps.checkLock?.();
        const next: Lease = { ...lease, expiresAt: expiry(deps) };
        if (swap) next.swap = swap;
        else delete next.swap;
        const written = await deps.runs.putLease(next, etag);
        if (written === undefined) throw lost();
        [lease, etag] = [next, written];
    }
    return {
        current: () => lease,
        fence: () => record(lease.swap),
        record,
        async keepAlive() {
            deps.checkLock?.();
            // The lease was written with expiresAt a whole lease ahead: renew once a quarter of it has gone.
            const written = Date.parse(lease.expiresAt) - deps.timing.leaseMs;
            if (deps.clock() - written >= deps.timing.leaseMs / 4) await record(lease.swap);
        },
        async release() {
            if (!(await deps.runs.deleteLease(lease.name, etag))) throw lost();
        },
    };
}
