import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';

import type { MoveOptions, MoveResult } from '../pipeline/ports';
import { storageStatus } from './storageClients';

/**
 * One Data Lake rename of `from` to `to`: reads the folder's version, runs the fence, then renames only that version
 * (`x-ms-source-if-match`) and only to a free name (`If-None-Match: *`). `to`'s parent is created unless it must exist,
 * in which case the rename fails when it does not (a folder a swap installed is never made again).
 */
export async function renameDirectory(
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
