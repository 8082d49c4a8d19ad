import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';

// Real Enterprise Agreement exports (legacy ActualCost/AmortizedCost, not FOCUS) from the FinOps toolkit's tests.
const EA = join(__dirname, '..', 'fixtures', 'ea');

function land(root: string, runId: string, type: string, file: string, rows: number): string {
    const folder = `ea/${type}/${runId}`;
    mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(join(EA, file), join(root, folder, 'part_0_0001.csv'));
    const manifest = {
        manifestVersion: '2024-04-01',
        dataRowCount: rows,
        exportConfig: {
            exportName: 'ea',
            resourceId:
                '/providers/Microsoft.Billing/billingAccounts/8611537/providers/Microsoft.CostManagement/exports/ea',
            dataVersion: type === 'FocusCost' ? '1.0r2' : '2023-12-01-preview',
            type,
        },
        runInfo: { runId, submittedTime: '2023-10-02T00:00:00Z', startDate: '2023-09-01T00:00:00' },
        blobs: [{ blobName: `${folder}/part_0_0001.csv`, byteCount: 1, dataRowCount: rows }],
    };
    writeFileSync(join(root, folder, 'manifest.json'), JSON.stringify(manifest));
    return `${folder}/manifest.json`;
}

describe('real EA exports', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hub-ea-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses legacy actual and amortized cost exports with a mitigation, and FOCUS-labelled legacy files', async () => {
        const root = join(dir, 'msexports');
        const actual = land(root, 'e0000000-0000-0000-0000-000000000001', 'ActualCost', 'EA_ActualCost_Small.csv', 11);
        const amortized = land(
            root,
            'e0000000-0000-0000-0000-000000000002',
            'AmortizedCost',
            'EA_AmortizedCost_Small.csv',
            28,
        );
        const mislabelled = land(
            root,
            'e0000000-0000-0000-0000-000000000003',
            'FocusCost',
            'EA_ActualCost_Small.csv',
            11,
        );
        const headerOnly = land(root, 'e0000000-0000-0000-0000-000000000004', 'FocusCost', 'EA_NoRows.csv', 0);

        const out = join(dir, 'ingestion');
        const { runs: results } = await processExports(createLocalDeps(root, out, join(out, '.finops-hub'), () => {}));
        const byManifest = Object.fromEntries(results.map((r) => [r.manifest, r.run]));

        expect(byManifest[actual]).toMatchObject({ status: 'failed', errorCode: 'UnsupportedDataset' });
        expect(byManifest[actual]?.error).toContain('Create a FocusCost export');
        expect(byManifest[amortized]).toMatchObject({ status: 'failed', errorCode: 'UnsupportedDataset' });
        expect(byManifest[mislabelled]).toMatchObject({ status: 'failed', errorCode: 'SchemaMismatch' });
        expect(byManifest[mislabelled]?.error).toContain('BilledCost');
        expect(byManifest[headerOnly]).toMatchObject({ status: 'skipped', errorCode: 'NoRows' });
    });
});
