// tsc does not copy non-TypeScript files: put every sql/, data/ and assets/ folder under src/ beside the compiled
// code that loads it (src/focus/sql → dist/src/focus/sql, src/reports/anomalies/sql → dist/src/reports/anomalies/sql).
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { BUILT_INPUTS, buildInputsHash } from './buildInputs.mjs';

const ASSET_FOLDERS = new Set(['sql', 'data', 'assets']);

function copyAssetFolders(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const path = join(dir, entry.name);
        if (ASSET_FOLDERS.has(entry.name)) cpSync(path, join('dist', path), { recursive: true });
        else copyAssetFolders(path);
    }
}

copyAssetFolders('src');

// Done: record what this build was made from (see scripts/buildInputs.mjs).
mkdirSync(dirname(BUILT_INPUTS), { recursive: true });
writeFileSync(BUILT_INPUTS, buildInputsHash('.'));
