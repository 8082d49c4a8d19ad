// What `npm run build` turns into dist/, as one hash: every file under src/ and functions/ (TypeScript and assets), the
// tsconfig files, the build scripts and the locked dependency versions (the compiler's among them). The build records
// it (scripts/copyAssets.mjs); the test run's globalSetup builds again only when the inputs changed since.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = [
    'src',
    'functions',
    'tsconfig.json',
    'tsconfig.build.json',
    'package-lock.json',
    'scripts/copyAssets.mjs',
];

/** Where the build records the hash of what it built (outside dist/, which is deployed as it is). */
export const BUILT_INPUTS = join('.tools', 'built-inputs.sha256');

const filesUnder = (path) =>
    statSync(path).isDirectory()
        ? readdirSync(path)
              .sort()
              .flatMap((name) => filesUnder(join(path, name)))
        : [path];

/** The hash of the build's inputs under `root`: each file's path and content. */
export function buildInputsHash(root) {
    const hash = createHash('sha256');
    hash.update(readFileSync(new URL(import.meta.url)));
    for (const input of INPUTS.map((name) => join(root, name)).filter(existsSync)) {
        for (const file of filesUnder(input)) hash.update(`${relative(root, file)}\0`).update(readFileSync(file));
    }
    return hash.digest('hex');
}
