import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.parquet` file in `folder` and the folders under it, in name order. */
export function parquetFilesUnder(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.parquet'))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort();
}
