import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { TransientError } from '../../src/errors';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { planRun } from '../../src/pipeline/planRun';
import { runPart } from '../../src/pipeline/runPart';
import { RUNS, scenarioDeps, writeExports } from '../helpers/publishScenario';

// runPart as the transform function calls it, on attempt 1 of 5: what is retried and what fails the run at once.
// The workspace is wrapped to fail the conversion (fault injection, as the store wrapper does for stores).

async function firstAttempt(failure: Error) {
    const root = mkdtempSync(join(tmpdir(), 'hub-runpart-'));
    const base = scenarioDeps({
        exports: createFolderStore(writeExports(['A'])),
        ingestion: createFolderStore(join(root, 'ingestion')),
        runs: createFileRunStore(join(root, 'state')),
    });
    const deps = {
        ...base,
        queue: createMemoryWorkQueue(),
        workspace: { ...base.workspace, withDuckDb: () => Promise.reject(failure) },
    };
    await planRun('ba/daily/a/manifest.json', deps);
    const item = deps.queue.take();
    if (!item) throw new Error('nothing queued');
    const outcome = await runPart(item, deps, { number: 1, last: false }).then(
        (run) => ({ run }),
        (error: unknown) => ({ thrown: error }),
    );
    return { outcome, run: (await deps.runs.getRun(RUNS.A))?.value };
}

describe('runPart', () => {
    it('fails the run at once on an error that retrying cannot mend', async () => {
        const { outcome, run } = await firstAttempt(new Error('DuckDB crashed on this part'));
        expect(outcome).toEqual({ run: expect.objectContaining({ status: 'failed', errorCode: 'TransformFailed' }) });
        expect(run).toMatchObject({ status: 'failed', errorCode: 'TransformFailed' });
    });

    it('rethrows a retryable error so the queue delivers the part again, leaving the run running', async () => {
        const { outcome, run } = await firstAttempt(new TransientError('StorageUnavailable', 'blob service busy'));
        expect(outcome).toEqual({ thrown: expect.objectContaining({ code: 'StorageUnavailable' }) });
        expect(run).toMatchObject({ status: 'running' });
    });
});
