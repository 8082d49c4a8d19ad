import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { TransientError } from '../../src/errors';
import { processExports } from '../../src/pipeline/processExports';
import { FaultPlan } from '../helpers/faultInjection';
import { HUB_INSIGHTS } from '../helpers/hubInsights';
import { CHILD, PARENT, readerView, RUNS, scenarioDeps, writeExports } from '../helpers/publishScenario';

// The insights refresh after a publish swaps the Anomalies and Forecasts folders like any dataset. Here its swap fails
// once it has moved the nested billing profile's insights folder aside (the retire of the billing account's folder
// fails): nothing the refresh does on that error may delete a folder the swap touched, and the next sweep finishes
// the swap. On the folder store, insights on.

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hub-insights-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refreshInsights', () => {
    it('never deletes an insights folder its failed swap touched; the next sweep finishes the swap', async () => {
        const stores = {
            exports: createFolderStore(writeExports(['A', 'Q'], { ai: true })),
            ingestion: createFolderStore(join(dir, 'ingestion')),
            runs: createFileRunStore(join(dir, 'state')),
        };
        const insights = (plan?: FaultPlan) => ({ ...scenarioDeps(stores, plan), insights: HUB_INSIGHTS });
        await processExports(insights());
        const anomalies = (scope: string) => readerView(stores.ingestion, `Anomalies/2026/10/${scope}`);
        expect((await anomalies(CHILD)).manifestRun).toBe(RUNS.Q.runId);

        const retire = `ingestion.moveFolder(Anomalies/2026/10/${PARENT})`;
        let failed = false;
        const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) => {
            if (failed || call !== retire) return;
            failed = true;
            throw new TransientError('StorageUnavailable', 'injected: the retire of the insights folder failed');
        });
        const exportsWithB = createFolderStore(writeExports(['A', 'Q', 'B'], { ai: true }));
        await processExports({ ...insights(plan), exports: exportsWithB });
        expect(failed).toBe(true);
        // The billing profile's insights were moved aside with the swap: they are waiting in its staged folder.
        expect((await anomalies(PARENT)).manifestRun).toBe(RUNS.A.runId);

        await processExports({ ...insights(), exports: exportsWithB });
        for (const dataset of ['Anomalies', 'Forecasts']) {
            const folder = (scope: string) => readerView(stores.ingestion, `${dataset}/2026/10/${scope}`);
            expect([dataset, (await folder(PARENT)).manifestRun]).toEqual([dataset, RUNS.B.runId]);
            expect([dataset, (await folder(CHILD)).manifestRun]).toEqual([dataset, RUNS.Q.runId]);
            expect((await folder(CHILD)).files).toEqual([`${RUNS.Q.runId}__${dataset.toLowerCase()}.parquet`]);
        }
        expect(await stores.ingestion.list('_staging/')).toEqual([]);
        expect(await stores.runs.getLease('Anomalies/2026-10')).toBeUndefined();
    });
});
