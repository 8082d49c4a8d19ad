import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { InputError } from '../errors';

/**
 * Decompresses the gzip file `path` to `target`, checking its CRC and length trailer as verifyGzip does (the check
 * comes free with the inflating). DuckDB reads a `.csv.gz` on one thread but a plain CSV on every thread it has, so
 * with several threads a part is inflated first. Throws `PartCorrupt`.
 */
export async function inflateGzip(path: string, target: string, name: string): Promise<void> {
    try {
        await pipeline(createReadStream(path), createGunzip(), createWriteStream(target));
    } catch (error) {
        // a file-system error (no disk space, say) is not the part's fault
        if ((error as NodeJS.ErrnoException).syscall !== undefined) throw error;
        throw new InputError(
            'PartCorrupt',
            `Part ${name} is not a complete gzip file (${(error as Error).message}); the upload was probably cut short.`,
            false,
            { cause: error },
        );
    }
}
