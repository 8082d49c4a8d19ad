import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { processExports } from '../../src/pipeline/processExports';
import { equivalentPoints, FaultPlan, pointsToRun, ProcessDeath } from '../helpers/faultInjection';
import { inPool } from '../helpers/inPool';
import { faultedThenRerun, scenarioDeps, Stores, writeExports } from '../helpers/publishScenario';

// Every store call of run B's publish (its parts are converted once, in the seed) fails in turn, in three modes: it
// throws before reaching storage, it takes effect and then throws (its answer lost), or the process is "killed"
// there (that call and all later ones never reach storage); then one normal `process` runs. The points run are those
// that stand for every call in every mode (equivalentPoints; with FAULT_POINTS=sample, the default, a fixed sample of
// them: samplePoints). Before every call a reader's view of the published
// folders is checked, and after the rerun the end state. On the folder store every move is one rename, so a reader
// must never see part of a run. (Faults while converting are run through the function handlers on Azurite.)

let dir: string;
let seed: string;
let exportsDir: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-faults-'));
    seed = join(dir, 'seed');
    const seedExports = writeExports(['A', 'Q']);
    const result = await processExports(scenarioDeps(stores(seedExports, seed)));
    expect(result.runs.map((r) => r.run.status)).toEqual(['succeeded', 'succeeded']);
    exportsDir = writeExports(['A', 'Q', 'B']);
    // B's parts are converted, then the process stops as B's publish begins: where every point starts.
    const stop = new FaultPlan(Number.POSITIVE_INFINITY, 'die', (call) => {
        if (!call.startsWith('runs.getLease')) return;
        stop.dead = true;
        throw new ProcessDeath('stopped before publishing');
    });
    await processExports(scenarioDeps(stores(exportsDir, seed), stop)).catch(() => undefined);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stores(exports: string, root: string): Stores {
    return {
        exports: createFolderStore(exports),
        ingestion: createFolderStore(join(root, 'ingestion')),
        runs: createFileRunStore(join(root, 'state')),
    };
}

let tries = 0;
/** A fresh copy of the seeded ingestion folder and run state. */
function restore(): Stores {
    const root = join(dir, `try-${++tries}`);
    cpSync(seed, root, { recursive: true });
    return stores(exportsDir, root);
}

describe('fault injection on the folder store', () => {
    it('publishes B exactly once, whichever store call of its publish fails, loses its answer or kills the process', async () => {
        const calls = await faultedThenRerun(restore, false, Number.POSITIVE_INFINITY, 'throw');
        expect(calls.length).toBeGreaterThan(40);
        const { run, says } = pointsToRun(equivalentPoints(calls));
        console.log(`Fault points (folder store): ${calls.length} store calls × 3 modes, ${says}`);
        await inPool(
            run.map(
                ({ at, mode }) =>
                    () =>
                        faultedThenRerun(restore, false, at, mode),
            ),
            3,
        );
    }, 600_000);
});
