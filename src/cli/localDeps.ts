import { join, resolve } from 'node:path';

import { createFileRunStore } from '../adapters/fileRunStore';
import { createFolderStore } from '../adapters/folderStore';
import { readConfig } from '../config';
import { PipelineDeps } from '../pipeline/pipelineDeps';

/** Pipeline dependencies over local folders: the exports folder plays `msexports`, the output folder `ingestion`. */
export function createLocalDeps(
    exportsDir: string,
    outDir: string,
    stateDir: string | undefined,
    log: (message: string) => void,
): Omit<PipelineDeps, 'queue'> {
    const { duckdb, validation, tagAliases } = readConfig();
    return {
        exports: createFolderStore(resolve(exportsDir)),
        ingestion: createFolderStore(resolve(outDir)),
        runs: createFileRunStore(resolve(stateDir ?? join(outDir, '.finops-hub'))),
        duckdb,
        validation,
        tagAliases,
        log,
    };
}
