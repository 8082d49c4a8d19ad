import { TransientError } from '../../src/errors';
import type { Lease, ObjectStore, RunStore, WorkQueue } from '../../src/pipeline/ports';

/** Thrown at and after the fault point in `die` mode: the process is gone, so nothing it does reaches storage. */
export class ProcessDeath extends Error {
    override name = 'ProcessDeath';
}

/** `throw`: the call fails before reaching storage; `lose`: it takes effect, then its answer is lost; `die`: see below. */
export type FaultMode = 'throw' | 'lose' | 'die';

export const MODES: readonly FaultMode[] = ['throw', 'lose', 'die'];

/**
 * Counts every call the pipeline makes to its stores and queue (object stores, run store, work queue, in one
 * sequence) and fails call number `at`: `throw` makes that one call throw a transient storage error before it reaches
 * storage; `lose` lets it take effect and then throws, as a timeout after the service acted would; `die` makes it and
 * every later call throw ProcessDeath, as if the process had been killed before the call reached storage. `before`
 * runs before every call (checks of what a reader would see, hooks that hold a worker, or delays).
 */
export class FaultPlan {
    calls = 0;
    dead = false;

    constructor(
        readonly at = Number.POSITIVE_INFINITY,
        readonly mode: FaultMode = 'throw',
        readonly before: (call: string) => Promise<void> | void = () => {},
    ) {}

    /** Runs one store call, failing it as the plan says. */
    async call<T>(call: string, work: () => Promise<T>): Promise<T> {
        if (this.dead) throw new ProcessDeath(`dead before ${call}`);
        this.calls += 1;
        const at = this.calls;
        await this.before(call);
        if (at !== this.at) return work();
        if (this.mode === 'die') {
            this.dead = true;
            throw new ProcessDeath(`killed at call ${at} (${call})`);
        }
        if (this.mode === 'lose') await work();
        throw new TransientError('StorageUnavailable', `injected fault (${this.mode}) at call ${at} (${call})`);
    }

    wrap<T extends ObjectStore | RunStore | WorkQueue>(store: T, label: string): T {
        const wrapped: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(store)) {
            wrapped[key] =
                typeof value === 'function'
                    ? (...args: unknown[]) =>
                          this.call(`${label}.${key}(${describe(args[0])})`, () =>
                              (value as (...a: unknown[]) => Promise<unknown>).apply(store, args),
                          )
                    : value;
        }
        return wrapped as T;
    }
}

/** A call's first argument, as its label shows it: a name, or the lease and the swap step it records. */
function describe(argument: unknown): string {
    if (typeof argument === 'string') return argument;
    const lease = argument as Partial<Lease> | undefined;
    if (typeof lease?.name !== 'string' || !lease.holder) return '';
    return `${lease.name} ${lease.swap ? `${lease.swap.dataset} ${lease.swap.phase}` : 'no swap'}`;
}

/** A fault point: the call number faulted, the mode, and the call as a clean run made it. */
export interface FaultPoint {
    at: number;
    mode: FaultMode;
    call: string;
}

/** Whether a store call only reads. */
const isRead = (call: string) => /\.(get\w*|list\w*|read\w*|download|size)\(/.test(call);

/**
 * The points that stand for every call of a clean run (`calls`, from `from` to `to`) in the given modes. A fault
 * leaves the storage state of the writes before it and a recovery of its mode, so: a `throw` at a write leaves what a
 * `lose` at the write before leaves; a read that fails, loses its answer or dies leaves what the same mode at the next
 * write leaves; a lease renewal recording the same swap step as the lease write before it (the fencing check inside
 * a move) changes nothing but the expiry, and a fault there leaves what one at the move around it leaves. What
 * remains: `lose` and `die` at every other write, and `throw` at the first call and at the first read of each kind
 * (store and method: where a misread error would show).
 */
export function equivalentPoints(
    calls: string[],
    modes: readonly FaultMode[] = MODES,
    from = 0,
    to = calls.length,
): FaultPoint[] {
    const kinds = new Set<string>();
    let lastLease = '';
    return calls.flatMap((call, i): FaultPoint[] => {
        if (i < from || i >= to) return [];
        const at = i + 1;
        const kind = call.slice(0, call.indexOf('('));
        const read = isRead(call);
        const first = i === from || (read && !kinds.has(kind));
        const renewal = kind === 'runs.putLease' && call === lastLease;
        if (read) kinds.add(kind);
        if (kind === 'runs.putLease') lastLease = call;
        return modes.flatMap((mode): FaultPoint[] =>
            (mode === 'throw' ? first : !read && !renewal) ? [{ at, mode, call }] : [],
        );
    });
}
