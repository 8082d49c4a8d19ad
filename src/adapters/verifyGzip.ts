import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { InputError } from '../errors';

/**
 * Decompresses a gzip file to nowhere, checking its CRC and length trailer. DuckDB reads a truncated `.csv.gz` up to
 * the cut without an error, silently losing rows, so every gzip part is verified (on the thread pool, alongside the
 * transform). Throws `PartCorrupt`.
 */
export async function verifyGzip(path: string, name: string): Promise<void> {
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    try {
        await pipeline(createReadStream(path), createGunzip(), sink);
    } catch (error) {
        throw new InputError(
            'PartCorrupt',
            `Part ${name} is not a complete gzip file (${(error as Error).message}); the upload was probably cut short.`,
            false,
            { cause: error },
        );
    }
}
