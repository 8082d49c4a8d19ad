import { buffer } from 'node:stream/consumers';

import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';

import { InputError, PipelineError, TransientError } from '../errors';
import type { ObjectStore } from '../pipeline/ports';
import { moveBlobs } from './moveBlobs';
import { renameDirectory } from './renameDirectory';
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
 * version at most once (see moveBlobs).
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
        readText: (name) => call('read', name, async () => (await readAll(blob(name))).toString('utf8'), name),
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
            if (lake) return call('move folder', `${from} to ${to}`, () => renameDirectory(lake, from, to, options));
            return call('move folder', `${from} to ${to}`, () => moveBlobs(container, from, to, options));
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

    /**
     * A whole blob in one GET. downloadToBuffer asks for the blob's size first and then reads that many bytes: two
     * requests, and a blob rewritten in between is read to its old length.
     */
    async function readAll(client: BlockBlobClient): Promise<Buffer> {
        const body = (await client.download()).readableStreamBody;
        return body ? buffer(body) : Buffer.alloc(0);
    }

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
