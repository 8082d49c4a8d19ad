import { publishedFileName } from './partFormat';
import { runKey, type RunRef } from './runRef';

/**
 * Where data lives in the ingestion container. Published data is laid out as FinOps hubs (0.7+) lay it out:
 * `{dataset}/{yyyy}/{mm}/{scope}/{runId}__{file}.parquet` plus a `manifest.json` per folder. Work in progress lives
 * under folders starting with `_`, which no dataset name does: `_staging/{runKey}/…` until a run is published (its
 * converted parts, their partials, and one folder per publish attempt), and `_retired/{stamp}-{runKey}/…` for the
 * files a publish replaced, kept for a grace period so the publish can be undone by hand (a reader holding the old
 * paths does not find them there: a move changes every path).
 */
export function datasetFolder(dataset: string, month: string, scope: string): string {
    const [yyyy, mm] = month.split('-');
    return `${dataset}/${yyyy}/${mm}/${scope}`;
}

/**
 * Published Parquet file names for a run's parts, in part order, all different: a name a part already took gets the
 * part number appended (and `_2`, `_3`… while that is some part's own name too), so no part overwrites another.
 */
export function publishedNames(runId: string, blobNames: string[]): string[] {
    const natural = blobNames.map(publishedFileName);
    const taken = new Set(natural);
    const used = new Set<string>();
    return natural.map((file, index) => {
        let name = file;
        if (used.has(name)) {
            const base = file.replace(/\.parquet$/, `_${index + 1}`);
            name = `${base}.parquet`;
            for (let k = 2; taken.has(name) || used.has(name); k++) name = `${base}_${k}.parquet`;
        }
        used.add(name);
        return `${runId}__${name}`;
    });
}

export const STAGING_ROOT = '_staging';
export const RETIRED_ROOT = '_retired';
export const FOLDER_MANIFEST = 'manifest.json';

/** Everything a run has staged. */
export function stagingRoot(ref: RunRef): string {
    return `${STAGING_ROOT}/${runKey(ref)}`;
}

/** Where a run's parts are converted, one folder per dataset: each publish attempt copies them into its own folders. */
export function convertedFolder(ref: RunRef, dataset: string): string {
    return `${stagingRoot(ref)}/converted/${dataset}`;
}

/**
 * What one publish attempt builds (`claim`: the attempt's id, a UUID): only that attempt writes there, so a worker
 * that lost its claim can never change what another attempt installs.
 */
export function claimFolder(ref: RunRef, claim: string): string {
    return `${stagingRoot(ref)}/${claim}`;
}

/** The folder a publish attempt builds for one dataset: exactly the files (and manifest.json) it will publish. */
export function stagedFolder(ref: RunRef, claim: string, dataset: string): string {
    return `${claimFolder(ref, claim)}/${dataset}`;
}

/** A part's summary file for a derived dataset, merged when the run publishes. */
export function partialName(ref: RunRef, dataset: string, index: number): string {
    return `${stagingRoot(ref)}/partials/${dataset}/${String(index).padStart(5, '0')}.parquet`;
}

/** Where a run's publish moves the files it replaces: `_retired/{yyyymmddThhmmss}-{runKey}`. */
export function retiredPrefix(ref: RunRef, at: Date): string {
    const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
    return `${RETIRED_ROOT}/${stamp}-${runKey(ref)}`;
}

/** When a retired folder was retired, from its name; undefined for names the hub did not make. */
export function retiredAt(folderName: string): Date | undefined {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})-/.exec(folderName);
    if (!match) return undefined;
    const [, y, mo, d, h, mi, s] = match;
    return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}
