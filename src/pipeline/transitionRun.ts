import { RunRef } from '../focus/runRef';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';

/**
 * Changes a stored run with a conditional write, re-reading and retrying while other writers move it on. `change`
 * sees the current record and returns the next one, or undefined to leave it as it is. Resolves to the stored record
 * afterwards (undefined when there is no such run) and whether this call wrote it.
 */
export async function transitionRun(
    ref: RunRef,
    deps: PipelineDeps,
    change: (current: RunRecord) => RunRecord | undefined,
): Promise<{ run: RunRecord | undefined; changed: boolean }> {
    for (;;) {
        const stored = await deps.runs.getRun(ref);
        if (!stored) return { run: undefined, changed: false };
        const next = change(stored.value);
        if (!next) return { run: stored.value, changed: false };
        if (await deps.runs.updateRun(next, stored.etag)) return { run: next, changed: true };
    }
}

/** The run without a publishing claim (for records that leave `publishing`). */
export function withoutClaim(run: RunRecord): RunRecord {
    const copy = { ...run };
    delete copy.claim;
    return copy;
}
