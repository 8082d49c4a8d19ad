import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { TransientError } from '../../src/errors';
import { processExports } from '../../src/pipeline/processExports';
import { RUNS, scenarioDeps, writeExports } from '../helpers/publishScenario';

// A run whose publish fails every time before any folder moves (here: its staged partials cannot be read back) is
// resumed by each later `process` until HUB_RUN_MAX_RESUMES is used up, then fails with RunStalled: it never stays
// `publishing` for good (and, its manifest being still there, `process` then plans it afresh, as it does any failed
// run). The failing download is injected into the real folder store.

describe('sweepRuns', () => {
    it('fails a publish that keeps failing with RunStalled once its resumptions are used up', async () => {
        const root = mkdtempSync(join(tmpdir(), 'hub-sweep-'));
        const ingestion = createFolderStore(join(root, 'ingestion'));
        const stores = {
            exports: createFolderStore(writeExports(['A'])),
            ingestion: {
                ...ingestion,
                download: (name: string, path: string) =>
                    name.includes('/partials/')
                        ? Promise.reject(new TransientError('StorageUnavailable', 'partials unreadable'))
                        : ingestion.download(name, path),
            },
            runs: createFileRunStore(join(root, 'state')),
        };
        const statuses: string[] = [];
        const logs: string[] = [];
        for (let attempt = 0; attempt < 5; attempt++) {
            const { runs } = await processExports({ ...scenarioDeps(stores), log: (line) => logs.push(line) });
            const run = runs.find((r) => r.run.runId === RUNS.A.runId)?.run;
            statuses.push(`${run?.status}/${run?.resumes ?? 0}${run?.errorCode ? `/${run.errorCode}` : ''}`);
        }
        expect(statuses).toEqual(['publishing/0', 'publishing/1', 'publishing/2', 'publishing/3', 'publishing/0']);
        const stalled = logs.filter((line) => line.startsWith(`Run ${RUNS.A.runId} failed: RunStalled:`));
        expect(stalled).toHaveLength(1);
        expect(stalled[0]).toContain('its publish was interrupted 4 times');
        expect(await stores.ingestion.list('Costs/')).toEqual([]);
    });
});
