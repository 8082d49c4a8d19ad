import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PipelineError, TransientError } from '../errors';
import { byRunKey, type RunRef, sameRun } from '../focus/runRef';
import type { Lease, PartRecord, Publication, RunRecord, RunStore, Versioned } from '../pipeline/ports';
import { LEASE_SCHEMA, PART_SCHEMA, PUBLICATION_SCHEMA, RUN_SCHEMA, storedRecord } from '../pipeline/runStoreRecords';

/** The state file's layout; ETags are revision counters (`"1"`, `"2"`, …). */
interface StateFile {
    version: 2;
    runs: Versioned<RunRecord>[];
    /** Parts; older state files stored bare records, read as revision 1. */
    parts: (Versioned<PartRecord> | PartRecord)[];
    publications: Versioned<Publication>[];
    leases: Versioned<Lease>[];
}

const STATE_FILE = 'run-state.json';

/**
 * The CLI's RunStore: one JSON file in `stateDir`, rewritten atomically (temporary file, then rename) after each
 * change, so a later process sees every completed write. Operations run one at a time; conditional writes behave like
 * the table store's (stale ETag → false, nothing changed), and records keep what the table store keeps (storedRecord).
 */
export function createFileRunStore(stateDir: string): RunStore {
    const path = join(stateDir, STATE_FILE);
    let tail: Promise<unknown> = Promise.resolve();

    /** Runs `work` on the current state after every earlier operation has finished; saves when it returns true. */
    function withState<T>(work: (state: StateFile) => { result: T; changed: boolean }): Promise<T> {
        const next = tail.then(async () => {
            const state = await load(path);
            const { result, changed } = work(state);
            if (changed) await save(stateDir, path, state);
            return result;
        });
        tail = next.catch(() => undefined);
        return next;
    }
    const read = <T>(work: (state: StateFile) => T) => withState((state) => ({ result: work(state), changed: false }));
    const write = (work: (state: StateFile) => boolean) =>
        withState((state) => {
            const changed = work(state);
            return { result: changed, changed };
        });
    const publicationOf = (state: StateFile, dataset: string, scope: string, month: string) =>
        state.publications.findIndex(
            ({ value }) => value.dataset === dataset && value.scope === scope && value.month === month,
        );

    return {
        createRun: (run) =>
            withState<Awaited<ReturnType<RunStore['createRun']>>>((state) => {
                const existing = state.runs.find(({ value }) => sameRun(run, value));
                if (existing) return { result: { created: false, existing }, changed: false };
                state.runs.push({ value: storedRecord(RUN_SCHEMA, run), etag: '1' });
                return { result: { created: true }, changed: true };
            }),
        getRun: (ref) => read((state) => state.runs.find(({ value }) => sameRun(ref, value))),
        updateRun: (run, etag) =>
            write((state) =>
                replaceIfCurrent(
                    state.runs,
                    state.runs.findIndex(({ value }) => sameRun(run, value)),
                    storedRecord(RUN_SCHEMA, run),
                    etag,
                ),
            ),
        putPart: async (part) => {
            await write((state) => {
                const at = partOf(state, part, part.index);
                const stored = {
                    value: storedRecord(PART_SCHEMA, part),
                    etag: String(Number(partAt(state, at)?.etag ?? 0) + 1),
                };
                if (at < 0) state.parts.push(stored);
                else state.parts[at] = stored;
                return true;
            });
        },
        getPart: (ref, index) => read((state) => partAt(state, partOf(state, ref, index))),
        updatePart: async (part, etag) => {
            const written = await write((state) => {
                const at = partOf(state, part, part.index);
                if (partAt(state, at)?.etag !== etag) return false;
                state.parts[at] = { value: storedRecord(PART_SCHEMA, part), etag: String(Number(etag) + 1) };
                return true;
            });
            return written ? String(Number(etag) + 1) : undefined;
        },
        listParts: (ref) =>
            read((state) =>
                state.parts
                    .map((_, at) => partAt(state, at)?.value)
                    .filter((part): part is PartRecord => part !== undefined && sameRun(ref, part))
                    .sort((a, b) => a.index - b.index),
            ),
        listRuns: (statuses) =>
            read((state) =>
                state.runs
                    .map(({ value }) => value)
                    .filter((run) => !statuses || statuses.includes(run.status))
                    .sort(byRunKey),
            ),
        getPublication: (dataset, scope, month) =>
            read((state) => state.publications[publicationOf(state, dataset, scope, month)]),
        listPublications: (dataset) =>
            read((state) => state.publications.map(({ value }) => value).filter((p) => p.dataset === dataset)),
        putPublication: (publication, etag) =>
            write((state) => {
                const at = publicationOf(state, publication.dataset, publication.scope, publication.month);
                const value = storedRecord(PUBLICATION_SCHEMA, publication);
                if (etag !== undefined) return replaceIfCurrent(state.publications, at, value, etag);
                if (at >= 0) return false;
                state.publications.push({ value, etag: '1' });
                return true;
            }),
        getLease: (name) => read((state) => state.leases.find(({ value }) => value.name === name)),
        listLeases: () => read((state) => [...state.leases]),
        putLease: async (lease, etag) => {
            const written = await write((state) => {
                const at = state.leases.findIndex(({ value }) => value.name === lease.name);
                const value = storedRecord(LEASE_SCHEMA, lease);
                if (etag !== undefined) return replaceIfCurrent(state.leases, at, value, etag);
                if (at >= 0) return false;
                state.leases.push({ value, etag: '1' });
                return true;
            });
            return written ? String(etag === undefined ? 1 : Number(etag) + 1) : undefined;
        },
        deleteLease: (name, etag) =>
            write((state) => {
                const at = state.leases.findIndex(({ value }) => value.name === name);
                if (state.leases[at]?.etag !== etag) return false;
                state.leases.splice(at, 1);
                return true;
            }),
    };
}

/** The position of a part in the state, or -1. */
function partOf(state: StateFile, ref: RunRef, index: number): number {
    return state.parts.findIndex((stored) => {
        const part = 'value' in stored ? stored.value : stored;
        return sameRun(ref, part) && part.index === index;
    });
}

/** The part at a position, versioned (a bare record from an older state file is revision 1). */
function partAt(state: StateFile, at: number): Versioned<PartRecord> | undefined {
    const stored = state.parts[at];
    if (!stored) return undefined;
    return 'value' in stored ? stored : { value: stored, etag: '1' };
}

/** Replaces `list[at]` with the next revision when `etag` is the stored one; false otherwise (or when missing). */
function replaceIfCurrent<T>(list: Versioned<T>[], at: number, value: T, etag: string): boolean {
    const current = list[at];
    if (!current || current.etag !== etag) return false;
    list[at] = { value, etag: String(Number(current.etag) + 1) };
    return true;
}

async function load(path: string): Promise<StateFile> {
    let text: string;
    try {
        text = await readFile(path, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return { version: 2, runs: [], parts: [], publications: [], leases: [] };
        }
        throw unavailable(`read run state ${path}`, error);
    }
    let state: StateFile;
    try {
        state = JSON.parse(text) as StateFile;
    } catch (error) {
        throw new PipelineError('ConfigInvalid', `Run state file ${path} is not valid JSON; move it aside.`, false, {
            cause: error,
        });
    }
    if (state.version !== 2) {
        throw new PipelineError(
            'ConfigInvalid',
            `Run state file ${path} was written by an older finops-hub (version ${String(state.version)}); move it aside and process again.`,
        );
    }
    return state;
}

async function save(stateDir: string, path: string, state: StateFile): Promise<void> {
    const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    try {
        await mkdir(stateDir, { recursive: true });
        await writeFile(temp, `${JSON.stringify(state, undefined, 1)}\n`, 'utf8');
        await rename(temp, path);
    } catch (error) {
        await rm(temp, { force: true });
        throw unavailable(`write run state ${path}`, error);
    }
}

function unavailable(action: string, error: unknown): TransientError {
    const reason = error instanceof Error ? error.message : String(error);
    return new TransientError('StorageUnavailable', `Could not ${action}: ${reason}`, { cause: error });
}
