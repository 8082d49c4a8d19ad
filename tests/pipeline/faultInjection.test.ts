import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { processExports } from '../../src/pipeline/processExports';
import { atEveryCall, FaultMode } from '../helpers/faultInjection';
import { faultedThenRerun, scenarioDeps, Stores, writeExports } from '../helpers/publishScenario';

// Every store call of run B's conversion and publish fails in turn, once by throwing and once by "killing the
// process" (that call and all later ones never reach storage); then one normal `process` runs. Before every call a
// reader's view of the published folders is checked, and after the rerun the end state. On the folder store every
// move is one rename, so a reader must never see part of a run.

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
    it('publishes B exactly once, whichever store call fails or kills the process', async () => {
        const attempt = (at: number, mode: FaultMode) => faultedThenRerun(restore, false, at, mode);
        const total = await attempt(Number.POSITIVE_INFINITY, 'throw');
        console.log(`Fault points (folder store): ${total} store calls × throw and kill`);
        expect(total).toBeGreaterThan(40);
        await atEveryCall(total, () => ['throw', 'die'], attempt, 3);
    }, 600_000);
});
