import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, depth first, in name order: a stable list to hash or compare. */
export function listFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}
