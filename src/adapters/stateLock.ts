import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { lock } from 'proper-lockfile';

import { PipelineError } from '../errors';

/** A lock unrefreshed for this long belongs to a process that died (kill -9, power loss) and is taken over. */
const STALE_MS = 5_000;

/**
 * Takes the exclusive lock on a CLI state folder (a `lock` directory beside the state file, kept fresh while held, so a
 * killed process's lock goes stale within seconds). Waits up to `waitSeconds` for another process to finish, then
 * fails with `StateLocked`. Resolves to the function that releases it.
 */
export async function lockStateDir(stateDir: string, waitSeconds: number): Promise<() => Promise<void>> {
    mkdirSync(stateDir, { recursive: true });
    try {
        return await lock(stateDir, {
            lockfilePath: join(stateDir, 'lock'),
            stale: STALE_MS,
            realpath: false,
            retries:
                waitSeconds > 0
                    ? { retries: Math.ceil(waitSeconds), factor: 1, minTimeout: 1_000, maxTimeout: 1_000 }
                    : 0,
        });
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
        throw new PipelineError(
            'StateLocked',
            `Another finops-hub process is using the run state in ${stateDir}. Wait for it to finish, or pass --wait <seconds>; a lock left by a killed process is taken over after ${STALE_MS / 1000} s.`,
            false,
            { cause: error },
        );
    }
}
