import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { processExports } from '../../src/pipeline/processExports';
import { FaultMode, FaultPlan } from '../helpers/faultInjection';
import { inPool } from '../helpers/inPool';
import {
    assertFinalState,
    assertReaderSeesOneRun,
    B_TOTALS,
    publishedTotals,
    scenarioDeps,
    Stores,
    writeExports,
} from '../helpers/publishScenario';

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

let attempt = 0;
/** A fresh copy of the seeded ingestion folder and run state. */
function restore(): Stores {
    const root = join(dir, `try-${++attempt}`);
    cpSync(seed, root, { recursive: true });
    return stores(exportsDir, root);
}

async function faultedThenRerun(at: number, mode: FaultMode): Promise<number> {
    const target = restore();
    // Published folders only change through the ingestion store: checking before each of its calls sees every state.
    const plan = new FaultPlan(at, mode, (call) =>
        call.startsWith('ingestion.') ? assertReaderSeesOneRun(target.ingestion, false) : undefined,
    );
    await processExports(scenarioDeps(target, plan)).catch(() => undefined);
    const rerun = await processExports(scenarioDeps(target, new FaultPlan()));
    expect(rerun.unplanned).toEqual([]);
    await assertFinalState(target);
    expect(await publishedTotals(target.ingestion)).toEqual(B_TOTALS);
    return plan.calls;
}

describe('fault injection on the folder store', () => {
    it('publishes B exactly once, whichever store call fails or kills the process', async () => {
        const total = await faultedThenRerun(Number.POSITIVE_INFINITY, 'throw');
        console.log(`Fault points (folder store): ${total} store calls × throw and kill`);
        expect(total).toBeGreaterThan(40);
        const jobs = Array.from({ length: total }, (_, i) => i + 1).flatMap((at) =>
            (['throw', 'die'] as const).map(
                (mode) => () =>
                    faultedThenRerun(at, mode).catch((error: unknown) => {
                        throw new Error(`fault at call ${at} (${mode}): ${String(error)}`, { cause: error });
                    }),
            ),
        );
        await inPool(jobs, 3);
    }, 600_000);
});
