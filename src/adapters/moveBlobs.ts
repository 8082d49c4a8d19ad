import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';

import { FOLDER_MANIFEST } from '../focus/layout';
import type { MoveOptions, MoveResult } from '../pipeline/ports';
import { storageStatus } from './storageClients';

const COPY_POLL_MS = 500;

/** One object as listed: its name and the version (ETag) the move saw. */
interface Version {
    name: string;
    etag: string;
}

type BlobOf = (name: string) => BlockBlobClient;

/**
 * A folder move on a flat namespace: lists the objects under `from/` with their versions (ETags), runs the fence,
 * then copies each listed version to `to/` (only if that name is free there) and deletes it (only if it is still
 * that version). A version moves at most once, whoever moves it, so a worker that lost its right to move after
 * the fence can only move what was there while it held that right, to where anyone would have moved it. A target
 * holding anything but what this move copied is `occupied`. Manifests appear last at the target and vanish first
 * from the source: a manifest is only ever beside all its files.
 */
export async function moveBlobs(
    container: ContainerClient,
    from: string,
    to: string,
    { fence }: MoveOptions,
): Promise<MoveResult> {
    const blob = (name: string) => container.getBlockBlobClient(name);
    const listed: Version[] = [];
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
    const [manifests, files] = [listed.filter((o) => isManifest(o.name)), listed.filter((o) => !isManifest(o.name))];
    for (const object of files) await copyVersion(blob, object, `${to}/${object.name.slice(from.length + 1)}`);
    for (const object of manifests) {
        await copyVersion(blob, object, `${to}/${object.name.slice(from.length + 1)}`);
        await deleteVersion(blob, object);
    }
    for (const object of files) await deleteVersion(blob, object);
    return 'moved';
}

/** Copies one version of an object to a free name; a version gone, or a name taken, is left as it is. */
async function copyVersion(blob: BlobOf, { name, etag }: Version, toName: string): Promise<void> {
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
async function deleteVersion(blob: BlobOf, { name, etag }: Version): Promise<void> {
    await blob(name)
        .delete({ conditions: { ifMatch: etag } })
        .catch((error: unknown) => {
            if (![404, 412].includes(storageStatus(error) ?? 0)) throw error;
        });
}
