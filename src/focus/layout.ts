import { publishedFileName } from './partFormat';

/**
 * Where published data lives in the ingestion container, as FinOps hubs (0.7+) lay it out:
 * `{dataset}/{yyyy}/{mm}/{scope}/{runId}__{file}.parquet` plus a `manifest.json` per folder.
 */
export function datasetFolder(dataset: string, month: string, scope: string): string {
    const [yyyy, mm] = month.split('-');
    return `${dataset}/${yyyy}/${mm}/${scope}`;
}

/** Published Parquet file names for a run's parts, in part order; duplicates get the part number appended. */
export function publishedNames(runId: string, blobNames: string[]): string[] {
    const seen = new Set<string>();
    return blobNames.map((blobName, index) => {
        let file = publishedFileName(blobName);
        if (seen.has(file)) file = file.replace(/\.parquet$/, `_${index + 1}.parquet`);
        seen.add(file);
        return `${runId}__${file}`;
    });
}

/** Whether a name in a dataset folder is a published file of `runId`. */
export function belongsToRun(name: string, runId: string): boolean {
    return (name.split('/').pop() ?? '').startsWith(`${runId}__`);
}

/** Staged output of one part for one dataset, outside every dataset folder, until the run is published. */
export function stagingName(runId: string, dataset: string, index: number | 'merged'): string {
    const file = typeof index === 'number' ? String(index).padStart(5, '0') : index;
    return `${stagingPrefix(runId)}${dataset}/${file}.parquet`;
}

/** Everything a run has staged. */
export function stagingPrefix(runId: string): string {
    return `_staging/${runId}/`;
}

export const FOLDER_MANIFEST = 'manifest.json';
