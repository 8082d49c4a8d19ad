import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { PipelineError } from '../../errors';
import type { ObjectStore } from '../objectStore';
import { isParquetFile } from '../parquet/parquetFooter';
import { listPublished, PublishedFilter } from './listPublished';
import { outermostScopes } from './outermostScopes';
import { PublishedFolder } from './publishedFolder';

/** Published data of one dataset, downloaded: the folders read and the local copy of every file they list. */
export interface LocalPublished {
    folders: PublishedFolder[];
    files: { path: string; folder: PublishedFolder }[];
}

const PARALLEL_DOWNLOADS = 4;

/**
 * Downloads the files that the manifests of `dataset`'s published folders list (and nothing else in those folders)
 * into `scratchDir`. Without a scope filter, a scope folder nested inside another published scope of the same month
 * is left out (see outermostScopes), unless `nested` keeps every folder.
 */
export async function readPublished(
    store: ObjectStore,
    dataset: string,
    filter: PublishedFilter & { nested?: boolean },
    scratchDir: string,
): Promise<LocalPublished> {
    const listed = await listPublished(store, dataset, filter);
    const folders = filter.scope === undefined && !filter.nested ? outermostScopes(listed) : listed;
    const files = await Promise.all(
        folders.map(async (folder, index) => {
            const dir = join(scratchDir, dataset, String(index));
            await mkdir(dir, { recursive: true });
            return folder.files.map((file) => ({
                name: `${folder.folder}/${file.name}`,
                path: join(dir, file.name),
                folder,
            }));
        }),
    ).then((lists) => lists.flat());
    for (let next = 0; next < files.length; next += PARALLEL_DOWNLOADS) {
        await Promise.all(
            files.slice(next, next + PARALLEL_DOWNLOADS).map((f) => downloadListed(store, f.name, f.path)),
        );
    }
    return { folders, files: files.map(({ path, folder }) => ({ path, folder })) };
}

/**
 * Downloads a file a folder manifest lists and checks that it is Parquet (its footer), so that a folder changed by
 * hand or damaged in storage is named as such (`PublishedFileInvalid`), not as a scratch file DuckDB cannot read. A
 * listed file that is gone stays `PartMissing`: a publish replacing the folder may have just moved it (readers retry).
 */
async function downloadListed(store: ObjectStore, name: string, path: string): Promise<void> {
    await store.download(name, path);
    if (!isParquetFile(path)) {
        throw new PipelineError(
            'PublishedFileInvalid',
            `Published file ${name} in ${store.location} is not a Parquet file: its folder was changed by hand or ` +
                'damaged in storage. Publish it again (re-run its export, or finops-hub process over it); --scope ' +
                'reads the other scopes meanwhile.',
        );
    }
}
