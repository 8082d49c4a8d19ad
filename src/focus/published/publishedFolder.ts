import { InputError } from '../../errors';
import { readFolderManifest } from '../folderManifest';

/** One published folder of the ingestion container, as its manifest.json describes it. */
export interface PublishedFolder {
    dataset: string;
    /** `YYYY-MM` from the folder path. */
    month: string;
    /** Scope from the folder path, e.g. `subscriptions/<id>`. */
    scope: string;
    /** Container-relative folder: `{dataset}/{yyyy}/{mm}/{scope}`. */
    folder: string;
    runId: string;
    submittedTime: string | null;
    /** When the folder's files were written for publishing (the manifest's `publishedAt`, or its `stagedAt`). */
    publishedAt: string | null;
    /** The folder's published files (plain names inside the folder), as the manifest lists them. */
    files: { name: string; rows: number | null }[];
}

const FOLDER = /^([A-Za-z][A-Za-z0-9]*)\/(\d{4})\/(0[1-9]|1[0-2])\/((?:[^/\\\0]+\/)*[^/\\\0]+)\/manifest\.json$/;

/** Dataset, month, scope and folder of a `…/manifest.json` name, or undefined when the name is not in the layout. */
export function folderOf(
    manifestName: string,
): Pick<PublishedFolder, 'dataset' | 'month' | 'scope' | 'folder'> | undefined {
    const match = FOLDER.exec(manifestName);
    if (!match) return undefined;
    const [, dataset = '', yyyy = '', mm = '', scope = ''] = match;
    if (scope.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
    return { dataset, month: `${yyyy}-${mm}`, scope, folder: `${dataset}/${yyyy}/${mm}/${scope}` };
}

/** Parses a folder manifest (written by the hub when it publishes a run) found at `manifestName`. */
export function parseFolderManifest(text: string, manifestName: string): PublishedFolder {
    const place = folderOf(manifestName);
    if (!place) {
        throw new InputError(
            'ManifestInvalid',
            `Folder manifest ${manifestName} is not in the {Dataset}/{yyyy}/{mm}/{scope} layout.`,
        );
    }
    const { runId, submittedTime, publishedAt, stagedAt, files } = readFolderManifest(text, manifestName);
    return {
        ...place,
        runId,
        submittedTime: submittedTime ?? null,
        publishedAt: publishedAt ?? stagedAt ?? null,
        files: files.map((file) => ({ name: file.name, rows: file.rows ?? null })),
    };
}
