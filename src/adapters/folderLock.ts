import { mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

import { lock } from 'proper-lockfile';

import { PipelineError } from '../errors';

/** A lock left unrefreshed this long is taken over even when its holder cannot be checked (it runs on another host). */
const STALE_MS = 30_000;
const RETRY_MS = 250;

/** Locks one process holds on its folders. */
export interface FolderLocks {
    /** Throws `LockLost` once a lock was lost (removed, or taken over as stale): checked before every publish step. */
    check(): void;
    release(): Promise<void>;
}

interface Owner {
    pid: number;
    host: string;
}

/**
 * Takes each lock in `lockPaths` (a directory made atomically, kept fresh while held, with an `.owner` file beside it
 * naming the process and host) for this process. A lock whose holder is a process of this host that no longer exists
 * (killed) is taken over at once; one unrefreshed for 30 s (a holder on another host) too. Waits up to `waitSeconds`
 * for a live holder, then fails with `StateLocked`. A lock lost while held (found taken over or removed when it is
 * refreshed, every `staleMs` / 2) does not stop the process on the spot: the pipeline calls `check()` before each
 * publish step.
 */
export async function lockFolders(lockPaths: string[], waitSeconds: number, staleMs = STALE_MS): Promise<FolderLocks> {
    let lost: { path: string; error: Error } | undefined;
    const releases: (() => Promise<void>)[] = [];
    const release = async () => {
        for (const undo of releases.splice(0).reverse()) await undo();
    };
    try {
        for (const path of [...new Set(lockPaths)].sort()) {
            const deadline = Date.now() + waitSeconds * 1000;
            releases.push(await take(path, deadline, staleMs, (error) => (lost ??= { path, error })));
        }
    } catch (error) {
        await release();
        throw error;
    }
    return {
        check() {
            if (!lost) return;
            throw new PipelineError(
                'LockLost',
                `The lock ${lost.path} was lost (${lost.error.message}): another process may be using the same folders. Stopped before the next publish step; run process again.`,
            );
        },
        release,
    };
}

async function take(
    path: string,
    deadline: number,
    staleMs: number,
    onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
    mkdirSync(dirname(path), { recursive: true });
    for (;;) {
        try {
            const unlock = await lock(path, {
                lockfilePath: path,
                stale: staleMs,
                realpath: false,
                onCompromised: onLost,
            });
            writeFileSync(ownerFile(path), JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
            return async () => {
                rmSync(ownerFile(path), { force: true });
                await unlock().catch(() => undefined);
            };
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
            if (takeOverDead(path)) continue;
            if (Date.now() >= deadline) throw locked(path, error);
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
    }
}

/** Removes the lock when its owner was a process of this host that is gone; true when the lock may be taken now. */
function takeOverDead(path: string): boolean {
    const owner = readOwner(path);
    if (!owner || owner.host !== hostname() || isAlive(owner.pid)) return false;
    const seen = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    // Checked again just before removing: another process may have taken the lock over meanwhile.
    if (readOwner(path)?.pid !== owner.pid || statSync(path, { throwIfNoEntry: false })?.mtimeMs !== seen) return true;
    rmSync(ownerFile(path), { force: true });
    try {
        rmdirSync(path);
    } catch {
        // Gone already: another process cleared it first.
    }
    return true;
}

const ownerFile = (path: string) => `${path}.owner`;

function readOwner(path: string): Owner | undefined {
    try {
        const owner = JSON.parse(readFileSync(ownerFile(path), 'utf8')) as Partial<Owner>;
        return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as Owner) : undefined;
    } catch {
        return undefined;
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

function locked(path: string, cause: unknown): PipelineError {
    return new PipelineError(
        'StateLocked',
        `Another finops-hub process is using the folder of ${path} (its output or run state). Wait for it to finish, or pass --wait <seconds>.`,
        false,
        { cause },
    );
}
