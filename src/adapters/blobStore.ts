import type { ContainerClient } from '@azure/storage-blob';

import { InputError, TransientError } from '../errors';
import type { ObjectStore } from '../pipeline/ports';
import { storageStatus } from './storageClients';

/** Block size and parallel blocks for uploads: memory stays near BLOCK_SIZE × UPLOAD_CONCURRENCY. */
const BLOCK_SIZE = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;
const COPY_POLL_MS = 500;

/** An ObjectStore over one blob container. The container must exist. */
export function createBlobStore(container: ContainerClient): ObjectStore {
    const location = container.containerName;
    const blob = (name: string) => container.getBlockBlobClient(name);

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
        async copy(fromName, toName) {
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
        },
        list: (prefix) =>
            call('list', `${prefix}*`, async () => {
                const names: string[] = [];
                for await (const item of container.listBlobsFlat({ prefix })) names.push(item.name);
                return names.sort();
            }),
        async delete(name) {
            await call('delete', name, () => blob(name).deleteIfExists({ deleteSnapshots: 'include' }));
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
}
