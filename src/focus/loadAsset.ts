import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map<string, string>();

/**
 * The one loader for the core's SQL and data files. They sit beside this module (copied next to the compiled file by
 * `npm run build`), so tests running the TypeScript and the deployed JavaScript read the same files.
 */
export function loadAsset(relativePath: string): string {
    let text = cache.get(relativePath);
    if (text === undefined) {
        text = readFileSync(assetPath(relativePath), 'utf8');
        cache.set(relativePath, text);
    }
    return text;
}

/** Absolute path of an asset, for DuckDB readers that take a file (`read_csv`). */
export function assetPath(relativePath: string): string {
    if (!/^(sql|data)\/[A-Za-z0-9_./-]+$/.test(relativePath) || relativePath.includes('..')) {
        throw new Error(`Asset path must name a file under sql/ or data/, got ${JSON.stringify(relativePath)}`);
    }
    return join(__dirname, relativePath);
}

/** Loads `sql/<name>.sql`. */
export function loadSql(name: string): string {
    return loadAsset(`sql/${name}.sql`);
}
