import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of the files under `folder` whose names end with `suffix` (0 when it is gone). */
export function folderBytes(folder: string, suffix = ''): number {
    let total = 0;
    try {
        for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
            if (entry.isFile() && entry.name.endsWith(suffix))
                total += statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
        }
    } catch {
        return total;
    }
    return total;
}
