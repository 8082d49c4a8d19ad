import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PipelineError, TransientError } from '../errors';
import type { PartRecord, Publication, RunRecord, RunStore, Versioned } from '../pipeline/ports';

/** The state file's layout; ETags are revision counters (`"1"`, `"2"`, …). */
interface StateFile {
    version: 1;
    runs: Versioned<RunRecord>[];
    parts: PartRecord[];
    publications: Versioned<Publication>[];
}

const STATE_FILE = 'run-state.json';

/**
 * The CLI's RunStore: one JSON file in `stateDir`, rewritten atomically (temporary file, then rename) after each
 * change, so a later process sees every completed write. Operations run one at a time; conditional writes behave like
 * the table store's (stale ETag → false, nothing changed).
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
                const existing = state.runs.find(({ value }) => value.runId === run.runId);
                if (existing) return { result: { created: false, existing }, changed: false };
                state.runs.push({ value: run, etag: '1' });
                return { result: { created: true }, changed: true };
            }),
        getRun: (runId) => read((state) => state.runs.find(({ value }) => value.runId === runId)),
        updateRun: (run, etag) =>
            write((state) =>
                replaceIfCurrent(
                    state.runs,
                    state.runs.findIndex(({ value }) => value.runId === run.runId),
                    run,
                    etag,
                ),
            ),
        putPart: async (part) => {
            await write((state) => {
                const at = state.parts.findIndex(({ runId, index }) => runId === part.runId && index === part.index);
                if (at < 0) state.parts.push(part);
                else state.parts[at] = part;
                return true;
            });
        },
        listParts: (runId) =>
            read((state) => state.parts.filter((part) => part.runId === runId).sort((a, b) => a.index - b.index)),
        listRuns: () =>
            read((state) =>
                state.runs
                    .map(({ value }) => value)
                    .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0)),
            ),
        getPublication: (dataset, scope, month) =>
            read((state) => state.publications[publicationOf(state, dataset, scope, month)]),
        putPublication: (publication, etag) =>
            write((state) => {
                const at = publicationOf(state, publication.dataset, publication.scope, publication.month);
                if (etag !== undefined) return replaceIfCurrent(state.publications, at, publication, etag);
                if (at >= 0) return false;
                state.publications.push({ value: publication, etag: '1' });
                return true;
            }),
    };
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
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            return { version: 1, runs: [], parts: [], publications: [] };
        throw unavailable(`read run state ${path}`, error);
    }
    try {
        return JSON.parse(text) as StateFile;
    } catch (error) {
        throw new PipelineError('ConfigInvalid', `Run state file ${path} is not valid JSON; move it aside.`, false, {
            cause: error,
        });
    }
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
