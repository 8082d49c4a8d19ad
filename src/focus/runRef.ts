import { createHash } from 'node:crypto';

/**
 * A run is identified by its scope and its runId together: Cost Management run ids are unique per export, and two
 * exports of different scopes may report the same id. Queue messages and manifests share these rules.
 */
export interface RunRef {
    /** Scope id, lower-cased, without the leading `/`: `subscriptions/<id>`. */
    scope: string;
    /** runInfo.runId, lower-cased. */
    runId: string;
}

/** A run id as the hub stores it (lower-case letters, digits and dashes). */
export const RUN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * One segment of a scope path (`subscriptions`, `<guid>`, `microsoft.billing`, `1234:5678_2019-05-31`, a resource
 * group `rg_app.(prod)` or `ventes-été`, a management group `contoso(root)`): what Azure allows in those names
 * (letters and digits of any script, `_ - . ( )`, and `:` of billing ids), lower-cased, not starting with `.` (a hidden
 * folder) nor ending with it (Windows drops a trailing dot, so two scopes would share a folder).
 */
const SCOPE_SEGMENT = /^[\p{L}\p{N}_(-][\p{L}\p{M}\p{N}._:()-]{0,127}$/u;

/** Whether `scope` is a usable scope path: lower-case segments, no `.`/`..` tricks, at most 16 segments. */
export function isScope(scope: string): boolean {
    const segments = scope.split('/');
    return (
        segments.length <= 16 &&
        scope === scope.toLowerCase() &&
        segments.every((s) => SCOPE_SEGMENT.test(s) && !s.includes('..') && !s.endsWith('.'))
    );
}

/** A short, path-safe key for a run (its staging folder name): the run id and a hash of the scope. */
export function runKey(ref: RunRef): string {
    return `${ref.runId}-${createHash('sha256').update(ref.scope).digest('hex').slice(0, 16)}`;
}

/** Whether two references name the same run. */
export const sameRun = (a: RunRef, b: RunRef): boolean => a.scope === b.scope && a.runId === b.runId;

/** Orders runs by run id, then scope: the order both run stores list them in. */
export function byRunKey(a: RunRef, b: RunRef): number {
    const key = (run: RunRef) => `${run.runId}|${run.scope}`;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
