import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Unpacks `zipFile` into `dir` with each file's permission bits, through yauzl (npm), which rejects absolute and `..`
 * paths and checks every file's CRC-32. Returns the paths in the zip.
 */
export async function unzip(zipFile: string, dir: string): Promise<string[]> {
    const zip = await promisify<string, yauzl.Options, ZipFile>(yauzl.open)(zipFile, { lazyEntries: true });
    const openReadStream = promisify(zip.openReadStream.bind(zip));
    const names: string[] = [];
    await new Promise<void>((resolve, reject) => {
        const extract = async (entry: Entry) => {
            names.push(entry.fileName);
            const target = join(dir, entry.fileName);
            mkdirSync(entry.fileName.endsWith('/') ? target : dirname(target), { recursive: true });
            if (!entry.fileName.endsWith('/')) {
                const mode = (entry.externalFileAttributes >>> 16) & 0o777;
                await pipeline(await openReadStream(entry), createWriteStream(target, { mode: mode || 0o644 }));
            }
            zip.readEntry();
        };
        zip.on('entry', (entry: Entry) => void extract(entry).catch(reject));
        zip.on('end', resolve);
        zip.on('error', reject);
        zip.readEntry();
    });
    return names;
}
