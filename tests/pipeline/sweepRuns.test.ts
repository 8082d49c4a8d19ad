import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { TransientError } from '../../src/errors';
import { createMemoryWorkQueue } from '../../src/pipeline/memoryWorkQueue';
import { planRun } from '../../src/pipeline/planRun';
import { processExports } from '../../src/pipeline/processExports';
import { runPart } from '../../src/pipeline/runPart';
import { FaultPlan, ProcessDeath } from '../helpers/faultInjection';
import { assertFinalState, RUNS, scenarioDeps, Stores, writeExports } from '../helpers/publishScenario';

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

describe('sweepRuns ends runs nothing else would', () => {
    let state = '';
    /** Stores with A and Q published, and the exports of A, Q and B. */
    const seeded = async (): Promise<Stores> => {
        const root = mkdtempSync(join(tmpdir(), 'hub-sweep-'));
        state = join(root, 'state');
        const stores = {
            exports: createFolderStore(writeExports(['A', 'Q'])),
            ingestion: createFolderStore(join(root, 'ingestion')),
            runs: createFileRunStore(state),
        };
        await processExports(scenarioDeps(stores));
        return { ...stores, exports: createFolderStore(writeExports(['A', 'Q', 'B'])) };
    };

    it('sends a publishing run with a part not converted back to converting, and publishes it', async () => {
        const target = await seeded();
        const deps = { ...scenarioDeps(target), queue: createMemoryWorkQueue() };
        await planRun('ba/daily/b/manifest.json', deps);
        const first = deps.queue.take();
        if (!first) throw new Error('B not planned');
        await runPart(first, deps);
        // A worker claimed B while its second part was still being converted (by a duplicate that then died).
        const stored = await target.runs.getRun(RUNS.B);
        if (!stored) throw new Error('B not recorded');
        const old = '2026-10-06T00:00:00.000Z';
        await target.runs.updateRun(
            { ...stored.value, status: 'publishing', claim: 'gone', heartbeatAt: old },
            stored.etag,
        );
        await processExports(scenarioDeps(target));
        await assertFinalState(target);
    });

    it('finishes a swap whose run record was deleted, records the run as SwapOrphaned, and blocks nothing', async () => {
        const target = await seeded();
        // B's worker dies just as it retires the billing account's folder; then B's record disappears.
        let moves = 0;
        const die = new FaultPlan(Number.POSITIVE_INFINITY, 'die', (call) => {
            if (!call.startsWith('ingestion.moveFolder') || ++moves !== 2) return;
            die.dead = true;
            throw new ProcessDeath('died retiring');
        });
        await processExports(scenarioDeps(target, die)).catch(() => undefined);
        expect((await target.runs.getLease('Costs/2026-10'))?.value.swap).toMatchObject({ phase: 'retire' });
        const statePath = join(state, 'run-state.json');
        const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { runs: { value: { runId: string } }[] };
        saved.runs = saved.runs.filter((run) => run.value.runId !== RUNS.B.runId);
        writeFileSync(statePath, JSON.stringify(saved));
        const logs: string[] = [];
        await processExports({ ...scenarioDeps(target), log: (line) => logs.push(line) });
        expect(logs.filter((line) => line.startsWith(`Run ${RUNS.B.runId} failed: SwapOrphaned:`))).toHaveLength(1);
        // Its manifest still there, B is then processed afresh: nothing is left blocked.
        await processExports(scenarioDeps(target));
        await assertFinalState(target);
    });
});
