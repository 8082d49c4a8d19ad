import type { ContainerClient } from '@azure/storage-blob';
import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';

import { InputError, PipelineError, TransientError } from '../errors';
import { FOLDER_MANIFEST } from '../focus/layout';
import type { MoveOptions, MoveResult, ObjectStore } from '../pipeline/ports';
import { storageStatus } from './storageClients';

/** Block size and parallel blocks for uploads: memory stays near BLOCK_SIZE × UPLOAD_CONCURRENCY. */
const BLOCK_SIZE = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;
const COPY_POLL_MS = 500;
/** The storage emulator's well-known account: the only one whose flat namespace the hub accepts (tests, laptops). */
const EMULATOR_ACCOUNT = 'devstoreaccount1';

/**
 * An ObjectStore over one blob container (which must exist). On an account with a hierarchical namespace (ADLS Gen2,
 * as the hub deploys its data account) folders are real: `moveFolder` is one atomic Data Lake rename, conditional on
 * the version of the folder it saw, listings skip directory entries and `deleteFolder` is one recursive delete,
 * through `dataLake` (built on first use). A flat namespace is refused with `FlatNamespace` (folder moves could not be
 * atomic), except on the storage emulator, where folders are name prefixes and move object by object, each object
 * version at most once (see moveObjects).
 */
export function createBlobStore(container: ContainerClient, dataLake?: () => DataLakeFileSystemClient): ObjectStore {
    const location = container.containerName;
    const blob = (name: string) => container.getBlockBlobClient(name);
    let namespace: Promise<DataLakeFileSystemClient | undefined> | undefined;
    /** The Data Lake client when the account has a hierarchical namespace, else undefined (asked once). */
    const hierarchical = () =>
        (namespace ??= container.getAccountInfo().then(
            (info) => {
                if (info.isHierarchicalNamespaceEnabled) return dataLake?.();
                if (container.accountName === EMULATOR_ACCOUNT) return undefined;
                throw new PipelineError(
                    'FlatNamespace',
                    `Storage account ${container.accountName} has no hierarchical namespace: the hub publishes by renaming folders, which only a Data Lake Storage Gen2 account does atomically. Deploy the data account with isHnsEnabled (the Bicep template does), or upgrade it (az storage account hns-migration start).`,
                );
            },
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
            if (error instanceof PipelineError) throw error;
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
        async moveFolder(from, to, options = {}) {
            const lake = await hierarchical();
            if (lake) return call('move folder', `${from} to ${to}`, () => renameFolder(lake, from, to, options));
            return call('move folder', `${from} to ${to}`, () => moveObjects(from, to, options));
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

    /**
     * A folder move on a flat namespace: lists the objects under `from/` with their versions (ETags), runs the fence,
     * then copies each listed version to `to/` (only if that name is free there) and deletes it (only if it is still
     * that version). A version moves at most once, whoever moves it, so a worker that lost its right to move after
     * the fence can only move what was there while it held that right, to where anyone would have moved it. A target
     * holding anything but what this move copied is `occupied`. Manifests appear last at the target and vanish first
     * from the source: a manifest is only ever beside all its files.
     */
    async function moveObjects(from: string, to: string, { fence }: MoveOptions): Promise<MoveResult> {
        const listed: { name: string; etag: string }[] = [];
        for await (const item of container.listBlobsFlat({ prefix: `${from}/` })) {
            listed.push({ name: item.name, etag: item.properties.etag ?? '' });
        }
        if (listed.length === 0) return 'absent';
        // Only what an interrupted run of this same move left may be at the target already.
        const ours = new Set(listed.map((object) => object.name.slice(from.length + 1)));
        for await (const item of container.listBlobsFlat({ prefix: `${to}/` })) {
            if (!ours.has(item.name.slice(to.length + 1))) return 'occupied';
        }
        await fence?.();
        const isManifest = (name: string) => name.endsWith(`/${FOLDER_MANIFEST}`);
        const [manifests, files] = [
            listed.filter((o) => isManifest(o.name)),
            listed.filter((o) => !isManifest(o.name)),
        ];
        for (const object of files) await copyVersion(object, `${to}/${object.name.slice(from.length + 1)}`);
        for (const object of manifests) {
            await copyVersion(object, `${to}/${object.name.slice(from.length + 1)}`);
            await deleteVersion(object);
        }
        for (const object of files) await deleteVersion(object);
        return 'moved';
    }

    /** Copies one version of an object to a free name; a version gone, or a name taken, is left as it is. */
    async function copyVersion({ name, etag }: { name: string; etag: string }, toName: string): Promise<void> {
        try {
            const poller = await blob(toName).beginCopyFromURL(blob(name).url, {
                intervalInMs: COPY_POLL_MS,
                sourceConditions: { ifMatch: etag },
                conditions: { ifNoneMatch: '*' },
            });
            await poller.pollUntilDone();
        } catch (error) {
            if (![404, 409, 412].includes(storageStatus(error) ?? 0)) throw error;
        }
    }

    /** Deletes one version of an object; a later version, or none, is left as it is. */
    async function deleteVersion({ name, etag }: { name: string; etag: string }): Promise<void> {
        await blob(name)
            .delete({ conditions: { ifMatch: etag } })
            .catch((error: unknown) => {
                if (![404, 412].includes(storageStatus(error) ?? 0)) throw error;
            });
    }
}

/**
 * One Data Lake rename of `from` to `to`: reads the folder's version, runs the fence, then renames only that version
 * (`x-ms-source-if-match`) and only to a free name (`If-None-Match: *`). `to`'s parent is created unless it must exist,
 * in which case the rename fails when it does not (a folder a swap installed is never made again).
 */
async function renameFolder(
    lake: DataLakeFileSystemClient,
    from: string,
    to: string,
    { fence, parentMustExist }: MoveOptions,
): Promise<MoveResult> {
    const source = lake.getDirectoryClient(from);
    let etag: string | undefined;
    try {
        etag = (await source.getProperties()).etag;
    } catch (error) {
        if (storageStatus(error) === 404) return 'absent';
        throw error;
    }
    await fence?.();
    const parent = to.slice(0, to.lastIndexOf('/'));
    if (parent && !parentMustExist) await lake.getDirectoryClient(parent).createIfNotExists();
    try {
        await source.move(to, { conditions: { ifMatch: etag }, destinationConditions: { ifNoneMatch: '*' } });
        return 'moved';
    } catch (error) {
        const status = storageStatus(error);
        if (status === 404 || (status === 412 && errorCode(error) === 'SourceConditionNotMet')) return 'absent';
        if (status === 409 || status === 412) return 'occupied';
        throw error;
    }
}

const errorCode = (error: unknown): string | undefined =>
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
        ? error.code
        : undefined;
