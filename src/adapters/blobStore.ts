import type { ContainerClient } from '@azure/storage-blob';
import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';

import { InputError, TransientError } from '../errors';
import type { ObjectStore } from '../pipeline/ports';
import { storageStatus } from './storageClients';

/** Block size and parallel blocks for uploads: memory stays near BLOCK_SIZE × UPLOAD_CONCURRENCY. */
const BLOCK_SIZE = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;
const COPY_POLL_MS = 500;

/**
 * An ObjectStore over one blob container (which must exist). On an account with a hierarchical namespace (ADLS Gen2,
 * as the hub deploys its data account) folders are real: `moveFolder` is one atomic Data Lake rename, listings skip
 * directory entries and `deleteFolder` is one recursive delete, through `dataLake` (built on first use). On a flat
 * namespace (Azurite, other accounts) folders are name prefixes and move object by object.
 */
export function createBlobStore(container: ContainerClient, dataLake?: () => DataLakeFileSystemClient): ObjectStore {
    const location = container.containerName;
    const blob = (name: string) => container.getBlockBlobClient(name);
    let namespace: Promise<DataLakeFileSystemClient | undefined> | undefined;
    /** The Data Lake client when the account has a hierarchical namespace, else undefined (asked once). */
    const hierarchical = () =>
        (namespace ??= container.getAccountInfo().then(
            (info) => (info.isHierarchicalNamespaceEnabled && dataLake ? dataLake() : undefined),
            (error: unknown) => {
                namespace = undefined;
                throw failure('inspect the account of', location, error);
            },
        ));

    /** The error to throw for a failed call: a 404 becomes `PartMissing` when `missing` names the blob read. */
    function failure(action: string, name: string, error: unknown, missing?: string): Error {
        if (missing !== undefined && storageStatus(error) === 404) {
            return new InputError('PartMissing', `Blob ${missing} does not exist in container ${location}.`, false, {
                cause: error,
            });
        }
        const reason = error instanceof Error ? error.message : String(error);
        return new TransientError(
            'StorageUnavailable',
            `Could not ${action} blob ${name} in container ${location}: ${reason}`,
            {
                cause: error,
            },
        );
    }

    async function call<T>(action: string, name: string, work: () => Promise<T>, missing?: string): Promise<T> {
        try {
            return await work();
        } catch (error) {
            throw failure(action, name, error, missing);
        }
    }

    async function copy(fromName: string, toName: string): Promise<void> {
        const result = await call(
            'copy',
            `${fromName} to ${toName}`,
            async () => {
                const poller = await blob(toName).beginCopyFromURL(blob(fromName).url, {
                    intervalInMs: COPY_POLL_MS,
                });
                return poller.pollUntilDone();
            },
            fromName,
        );
        if (result.copyStatus !== 'success') {
            throw new TransientError(
                'StorageUnavailable',
                `Copy of blob ${fromName} to ${toName} in container ${location} ended ${result.copyStatus ?? 'without a status'}.`,
            );
        }
    }

    const remove = (name: string) =>
        call('delete', name, async () => {
            await blob(name).deleteIfExists({ deleteSnapshots: 'include' });
        });

    return {
        location,
        readText: (name) =>
            call('read', name, async () => (await blob(name).downloadToBuffer()).toString('utf8'), name),
        async download(name, localPath) {
            await call('download', name, () => blob(name).downloadToFile(localPath), name);
        },
        async upload(localPath, name) {
            await call('upload', name, () =>
                blob(name).uploadFile(localPath, { blockSize: BLOCK_SIZE, concurrency: UPLOAD_CONCURRENCY }),
            );
        },
        async writeText(name, text, contentType = 'text/plain; charset=utf-8') {
            const body = Buffer.from(text, 'utf8');
            await call('write', name, () =>
                blob(name).upload(body, body.length, { blobHTTPHeaders: { blobContentType: contentType } }),
            );
        },
        copy,
        list: (prefix) => call('list', `${prefix}*`, async () => listNames(prefix, await hierarchical())),
        listFolders: (folder) =>
            call('list folders of', folder, async () => {
                const names: string[] = [];
                const prefix = folder === '' ? '' : `${folder}/`;
                for await (const item of container.listBlobsByHierarchy('/', { prefix })) {
                    if (item.kind === 'prefix') names.push(item.name.slice(prefix.length, -1));
                }
                return names.sort();
            }),
        async moveFolder(from, to) {
            const lake = await hierarchical();
            if (lake) {
                await call('move folder', `${from} to ${to}`, () => renameFolder(lake, from, to));
                return;
            }
            for (const name of await listNames(`${from}/`, undefined)) {
                const target = `${to}/${name.slice(from.length + 1)}`;
                await copy(name, target);
                await remove(name);
            }
        },
        delete: remove,
        async deleteFolder(folder) {
            const lake = await hierarchical();
            if (lake) {
                await call('delete folder', folder, () => lake.getDirectoryClient(folder).deleteIfExists(true));
                return;
            }
            for (const name of await listNames(`${folder}/`, undefined)) await remove(name);
        },
        async size(name) {
            try {
                return (await blob(name).getProperties()).contentLength ?? 0;
            } catch (error) {
                if (storageStatus(error) === 404) return undefined;
                throw failure('inspect', name, error);
            }
        },
    };

    /** Names of the files (not directories) starting with `prefix`, sorted. */
    async function listNames(prefix: string, lake: DataLakeFileSystemClient | undefined): Promise<string[]> {
        const names: string[] = [];
        if (lake) {
            const folder = prefix.slice(0, prefix.lastIndexOf('/'));
            try {
                for await (const path of lake.listPaths({ path: folder || undefined, recursive: true })) {
                    if (!path.isDirectory && path.name?.startsWith(prefix)) names.push(path.name);
                }
            } catch (error) {
                if (storageStatus(error) !== 404) throw error;
            }
        } else {
            for await (const item of container.listBlobsFlat({ prefix })) names.push(item.name);
        }
        return names.sort();
    }
}

/** One Data Lake rename of `from` to `to` (creating `to`'s parent); a missing `from` is not an error. */
async function renameFolder(lake: DataLakeFileSystemClient, from: string, to: string): Promise<void> {
    const parent = to.slice(0, to.lastIndexOf('/'));
    if (parent) await lake.getDirectoryClient(parent).createIfNotExists();
    try {
        await lake.getDirectoryClient(from).move(to);
    } catch (error) {
        if (storageStatus(error) !== 404) throw error;
    }
}
