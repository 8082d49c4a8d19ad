import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { planRun } from '../../src/pipeline/planRun';
import { runPart } from '../../src/pipeline/runPart';
import { RUNS, scenarioDeps, writeExports } from '../helpers/publishScenario';

// A run's manifest delivered again (Event Grid redelivers; someone re-uploads it) must describe the run that was
// planned: one re-uploaded with other parts under the same run id is refused with ManifestInvalid, and delivered once
// more, is processed as a run of its own.

describe('planRun', () => {
    it('fails a converting run whose manifest comes back with other parts, then runs the new parts afresh', async () => {
        const exportsDir = writeExports(['B']);
        const root = mkdtempSync(join(tmpdir(), 'hub-plan-'));
        const deps = {
            ...scenarioDeps({
                exports: createFolderStore(exportsDir),
                ingestion: createFolderStore(join(root, 'ingestion')),
                runs: createFileRunStore(join(root, 'state')),
            }),
            queue: createMemoryWorkQueue(),
        };
        const name = 'ba/daily/b/manifest.json';
        await planRun(name, deps);
        const first = deps.queue.take();
        if (!first) throw new Error('B not planned');
        await runPart(first, deps);
        // The manifest is re-uploaded listing a third part (its row count agreeing).
        const manifest = JSON.parse(readFileSync(join(exportsDir, name), 'utf8')) as {
            dataRowCount: number;
            blobs: { blobName: string; dataRowCount: number }[];
        };
        const [, second] = manifest.blobs;
        if (!second) throw new Error('B has two parts');
        manifest.blobs.push({ ...second, blobName: second.blobName.replace('0002', '0003') });
        manifest.dataRowCount += second.dataRowCount;
        writeFileSync(
            join(exportsDir, second.blobName.replace('0002', '0003')),
            readFileSync(join(exportsDir, second.blobName)),
        );
        writeFileSync(join(exportsDir, name), JSON.stringify(manifest));
        expect(await planRun(name, deps)).toMatchObject({ status: 'failed', errorCode: 'ManifestInvalid' });
        expect((await deps.runs.getRun(RUNS.B))?.value.error).toContain('planned with 2');

        const again = await planRun(name, deps);
        expect(again).toMatchObject({ status: 'running', partCount: 3 });
        for (let item = deps.queue.take(); item; item = deps.queue.take()) await runPart(item, deps);
        expect((await deps.runs.getRun(RUNS.B))?.value).toMatchObject({ status: 'succeeded', partCount: 3 });
        expect((await deps.runs.listParts(RUNS.B)).map((part) => part.status)).toEqual([
            'succeeded',
            'succeeded',
            'succeeded',
        ]);
    });
});
