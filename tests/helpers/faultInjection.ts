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

/** The kind of a call: its store and method (`ingestion.moveFolder`), the text before its arguments. */
export const kindOf = (call: string): string => call.split('(')[0] ?? '';

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
        const kind = kindOf(call);
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

/**
 * Which points each fault matrix runs, set by FAULT_POINTS: `all` runs every point (what CI runs, `.ci/run`);
 * `sample`, the default, a fixed part of them (samplePoints) for a quicker `npm test`.
 */
export type FaultTier = 'all' | 'sample';

export function faultTier(env: NodeJS.ProcessEnv = process.env): FaultTier {
    const setting = env.FAULT_POINTS;
    if (setting === undefined || setting === '' || setting === 'sample') return 'sample';
    if (setting === 'all') return 'all';
    throw new Error(`FAULT_POINTS is ${JSON.stringify(setting)}: it must be all (every fault point) or sample`);
}

/** A lease record's swap phase (`children`, `retire`, `install`) or `no swap`; '' for any other call. */
const phaseOf = (call: string): string => {
    const found = /^runs\.putLease\(\S+ (no swap|\S+ (\w+))\)$/.exec(call);
    return found?.[2] ?? found?.[1] ?? '';
};

/** Share of a matrix's points the sample runs, at least (about a third). */
const SAMPLE_SHARE = 3;

/**
 * A stratified sample of a matrix's points, in schedule order. Taken in turn: the first point and the last; a point of
 * each kind of call in each mode it is faulted in; a point of each kind of call in each phase of a folder swap (the
 * phase the lease last recorded: the calls of each phase do different things, in any mode); then more points until
 * about a third of the points are taken. Each point added is, of those that would do, the one farthest in the
 * schedule from the points already taken (the earliest of equals), so the sample spreads over the whole schedule. It
 * depends on the points alone (no randomness, no date): a failure seen in the sample reproduces on the next run.
 */
export function samplePoints<P extends { call: string; mode: string }>(points: readonly P[]): P[] {
    const taken = new Set<number>(points.length > 0 ? [0, points.length - 1] : []);
    const gap = (i: number) => Math.min(...[...taken].map((t) => Math.abs(t - i)));
    const take = (candidates: number[]) => {
        const farthest = candidates.reduce((best, i) => (gap(i) > gap(best) ? i : best), candidates[0] ?? 0);
        if (candidates.length > 0) taken.add(farthest);
    };
    const strata = new Map<string, number[]>();
    const stratum = (key: string, i: number) => {
        const members = strata.get(key);
        if (members) members.push(i);
        else strata.set(key, [i]);
    };
    let phase = '';
    points.forEach(({ call, mode }, i) => {
        const kind = kindOf(call);
        if (kind === 'runs.putLease') phase = phaseOf(call);
        stratum(`${kind} ${mode}`, i);
        stratum(`${kind} in phase ${phase}`, i);
    });
    for (const members of strata.values()) if (!members.some((i) => taken.has(i))) take(members);
    while (taken.size < Math.ceil(points.length / SAMPLE_SHARE))
        take(points.flatMap((_, i) => (taken.has(i) ? [] : [i])));
    return points.filter((_, i) => taken.has(i));
}

/**
 * The points of a matrix this run runs (all of them, or the sample, as FAULT_POINTS says) and how its coverage line
 * reports them: `all 85 points` or `29 of 85 points (sample: FAULT_POINTS=all runs every one)`.
 */
export function pointsToRun<P extends { call: string; mode: string }>(
    points: readonly P[],
    tier = faultTier(),
): { run: P[]; says: string } {
    if (tier === 'all') return { run: [...points], says: `all ${points.length} points` };
    const run = samplePoints(points);
    return { run, says: `${run.length} of ${points.length} points (sample: FAULT_POINTS=all runs every one)` };
}
