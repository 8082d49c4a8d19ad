import { TransientError } from '../../src/errors';
import type { ObjectStore, RunStore, WorkQueue } from '../../src/pipeline/ports';
import { inPool } from './inPool';

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
                          this.call(`${label}.${key}(${typeof args[0] === 'string' ? args[0] : ''})`, () =>
                              (value as (...a: unknown[]) => Promise<unknown>).apply(store, args),
                          )
                    : value;
        }
        return wrapped as T;
    }
}

/**
 * Runs `attempt(at, mode)` for every store call `at` from 1 to `total` and each mode `modesAt(at)` gives, `concurrency`
 * at a time; a failure names the call and mode it was injected at.
 */
export async function atEveryCall(
    total: number,
    modesAt: (at: number) => readonly FaultMode[],
    attempt: (at: number, mode: FaultMode) => Promise<unknown>,
    concurrency: number,
): Promise<void> {
    const jobs = Array.from({ length: total }, (_, i) => i + 1).flatMap((at) =>
        modesAt(at).map(
            (mode) => () =>
                attempt(at, mode).catch((error: unknown) => {
                    throw new Error(`fault at call ${at} (${mode}): ${String(error)}`, { cause: error });
                }),
        ),
    );
    await inPool(jobs, concurrency);
}
