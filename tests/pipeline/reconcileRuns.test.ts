import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { writeExport } from '../helpers/exportTree';

// Runs whose input the hub cannot convert without changing the numbers fail with a code, publishing nothing; runs it
// converts publish totals equal to their input's, adjusted only by documented rules (README "Reconciliation").

let dir: string;
let n = 0;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-reconcile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exportsDir = () => join(dir, 'msexports');
const outDir = () => join(dir, 'ingestion');
const process = async () =>
    (await processExports(createLocalDeps(exportsDir(), outDir(), join(outDir(), '.finops-hub'), () => {}))).runs;
const runId = () => `${String(++n).padStart(8, '0')}-0000-4000-8000-000000000000`;

describe('runs the hub cannot convert exactly', () => {
    it('fails an empty part whose manifest declares rows with RowCountMismatch', async () => {
        const manifest = writeExport(exportsDir(), {
            runId: runId(),
            submittedTime: '2026-09-05T01:00:00Z',
            month: '2026-09',
            parts: [[{}, {}, {}, {}, {}, {}]],
        });
        const { blobs } = JSON.parse(readFileSync(join(exportsDir(), manifest), 'utf8')) as {
            blobs: { blobName: string }[];
        };
        writeFileSync(join(exportsDir(), blobs[0]?.blobName ?? ''), '');
        const [result] = await process();
        expect(result?.run).toMatchObject({ status: 'failed', errorCode: 'RowCountMismatch' });
        expect(result?.run.error).toContain('is empty (0 bytes, no header) but the manifest declares 6 rows');
    });
});
