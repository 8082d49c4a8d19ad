import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';

import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Unpacks `zipFile` into `dir` with each file's permission bits, through yauzl (npm), which rejects absolute and `..`
 * paths and checks each file's size; its CRC-32, which yauzl leaves to the caller ("No CRC-32 Checking" in its
 * README), is checked here on each file read whole, then written at once. Returns the paths in the zip.
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
                const data = await buffer(await openReadStream(entry));
                if (crc32(data) !== entry.crc32) throw new Error(`${entry.fileName}: CRC-32 does not match`);
                writeFileSync(target, data, { mode: mode || 0o644 });
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
