import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map<string, string>();

/**
 * The one loader for SQL and data files. They sit beside the module that uses them (copied next to the compiled file
 * by `npm run build`), so tests running the TypeScript and the deployed JavaScript read the same files. `baseDir` is
 * the folder holding `sql/`, `data/` or `assets/`: the core's own folder by default, a report's folder for reports.
 */
export function loadAsset(relativePath: string, baseDir: string = __dirname): string {
    const path = assetPath(relativePath, baseDir);
    let text = cache.get(path);
    if (text === undefined) {
        text = readFileSync(path, 'utf8');
        cache.set(path, text);
    }
    return text;
}

/** Absolute path of an asset, for DuckDB readers that take a file (`read_csv`). */
export function assetPath(relativePath: string, baseDir: string = __dirname): string {
    if (!/^(sql|data|assets)\/[A-Za-z0-9_./-]+$/.test(relativePath) || relativePath.includes('..')) {
        throw new Error(
            `Asset path must name a file under sql/, data/ or assets/, got ${JSON.stringify(relativePath)}`,
        );
    }
    return join(baseDir, relativePath);
}

/** Loads `sql/<name>.sql` under `baseDir` (the core's folder by default). */
export function loadSql(name: string, baseDir: string = __dirname): string {
    return loadAsset(`sql/${name}.sql`, baseDir);
}
