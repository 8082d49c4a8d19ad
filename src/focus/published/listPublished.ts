import { PipelineError } from '../../errors';
import { FOLDER_MANIFEST } from '../layout';
import type { ObjectStore } from '../objectStore';
import { folderOf, parseFolderManifest, PublishedFolder } from './publishedFolder';

export interface PublishedFilter {
    /** Exactly this scope folder (`subscriptions/<id>`); folders nested inside it are other scopes. */
    scope?: string;
    /** Only these months (`YYYY-MM`); every month when absent. */
    months?: readonly string[];
    /** Only folders this accepts. */
    where?: (folder: PublishedFolder) => boolean;
}

/**
 * The published folders of `dataset`: every folder holding a manifest.json (never a Parquet glob: scope folders
 * nest), with the runs and files their manifests name, sorted by month and scope.
 */
export async function listPublished(
    store: ObjectStore,
    dataset: string,
    filter: PublishedFilter = {},
): Promise<PublishedFolder[]> {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(dataset)) {
        throw new PipelineError('UsageError', `Dataset name must be letters and digits, got "${dataset}".`);
    }
    const prefixes = filter.months?.map((month) => `${dataset}/${month.replace('-', '/')}/`) ?? [`${dataset}/`];
    const names = (await Promise.all(prefixes.map((prefix) => store.list(prefix)))).flat();
    const manifests = names.filter((name) => {
        const place = name.endsWith(`/${FOLDER_MANIFEST}`) ? folderOf(name) : undefined;
        return place !== undefined && (filter.scope === undefined || place.scope === filter.scope);
    });
    const folders = await Promise.all(
        manifests.map(async (name) => parseFolderManifest(await store.readText(name), name)),
    );
    return folders
        .filter((folder) => filter.where?.(folder) ?? true)
        .sort((a, b) => a.month.localeCompare(b.month) || a.scope.localeCompare(b.scope));
}
