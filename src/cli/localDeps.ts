import { resolve } from 'node:path';

import { createFileRunStore } from '../adapters/fileRunStore';
import { createFolderStore } from '../adapters/folderStore';
import { createLocalWorkspace } from '../adapters/workspace';
import { readCliConfig } from '../config';
import { PipelineDeps } from '../pipeline/pipelineDeps';
import { createInsights } from '../reports/insightsPort';

/**
 * Pipeline dependencies over local folders: the exports folder plays `msexports`, the output folder `ingestion`, and
 * run state is a JSON file in `stateDir`. The caller must hold both folders exclusively (see folderLock) and set
 * `checkLock`: that is what lets the pipeline take over whatever an earlier, interrupted process left claimed.
 */
export function createLocalDeps(
    exportsDir: string,
    outDir: string,
    stateDir: string,
    log: (message: string) => void,
): Omit<PipelineDeps, 'queue'> {
    const { duckdb, validation, tagAliases, storageReport, timing, insights, anomalyThreshold } = readCliConfig();
    return {
        exports: createFolderStore(resolve(exportsDir)),
        ingestion: createFolderStore(resolve(outDir)),
        runs: createFileRunStore(resolve(stateDir)),
        workspace: createLocalWorkspace(duckdb),
        validation,
        tagAliases,
        storageReport,
        timing,
        insights: insights ? createInsights({ anomalyThreshold }) : undefined,
        exclusive: true,
        clock: () => Date.now(),
        log,
    };
}
