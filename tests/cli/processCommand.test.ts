import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { assertFinalState, B_TOTALS, publishedTotals, writeExports } from '../helpers/publishScenario';
import { runCli } from '../helpers/runCli';

// These tests start the real command (bin/finops-hub.js over the compiled dist/, built by tests/globalSetup.js) as
// separate processes: two of them at once, and one killed with SIGKILL.

const BIN = join(__dirname, '..', '..', 'bin', 'finops-hub.js');
let dir: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Finished {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<Finished> } {
    const child = spawn(process.execPath, [BIN, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<Finished>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { child, done };
}

const stores = (exports: string, out: string) => ({
    exports: createFolderStore(exports),
    ingestion: createFolderStore(out),
    runs: createFileRunStore(join(out, '.finops-hub')),
});

async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('finops-hub process', () => {
    it('refuses a missing exports folder and an output or state folder inside it, with exit code 2', async () => {
        const exports = writeExports(['A']);
        const missing = await runCli(['process', join(dir, 'none'), '--out', join(dir, 'out')]);
        expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no such folder')]);
        const inside = await runCli(['process', exports, '--out', join(exports, 'ingestion')]);
        expect([inside.code, inside.stderr]).toEqual([2, expect.stringContaining('inside the exports folder')]);
        const state = await runCli(['process', exports, '--out', join(dir, 'out'), '--state', join(exports, 's')]);
        expect([state.code, state.stderr]).toEqual([2, expect.stringContaining('--state')]);
        expect(existsSync(join(exports, 'ingestion'))).toBe(false);
        expect(existsSync(join(dir, 'out'))).toBe(false);
    });

    it('lets one process at a time use an output or state folder: a second exits 2, or waits with --wait', async () => {
        const exports = writeExports(['Q', 'A', 'B']);
        const out = join(dir, 'out');
        // Each process's DuckDB spill folder goes here, and is removed when the process ends.
        const temp = join(dir, 'temp');
        mkdirSync(temp);
        const first = start(['process', exports, '--out', out], { HUB_TEMP_DIR: temp });
        await until(() => existsSync(join(out, '.finops-hub', 'lock')));
        const refused = await start(['process', exports, '--out', out]).done;
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('Another finops-hub process is using the folder');
        // Another run-state folder does not make the same output folder free.
        const elsewhere = await start(['process', exports, '--out', out, '--state', join(dir, 'other')]).done;
        expect([elsewhere.code, elsewhere.stderr]).toEqual([2, expect.stringContaining('.finops-hub.lock')]);
        const waiting = start(['process', exports, '--out', out, '--wait', '60', '--json'], { HUB_TEMP_DIR: temp });
        const [done, waited] = await Promise.all([first.done, waiting.done]);
        expect([done.code, waited.code]).toEqual([0, 0]);
        expect(readdirSync(temp)).toEqual([]);
        const statuses = (JSON.parse(waited.stdout) as { runs: { status: string }[] }).runs.map((r) => r.status);
        expect(statuses).toEqual(['succeeded', 'succeeded', 'succeeded']);
        await assertFinalState(stores(exports, out));
        expect(await publishedTotals(createFolderStore(out))).toEqual(B_TOTALS);
    }, 60_000);

    it('recovers from kill -9 at any moment: the next process finishes, and B is published once', async () => {
        const exports = writeExports(['Q', 'A', 'B']);
        const timed = join(dir, 'timed');
        const started = Date.now();
        expect((await start(['process', exports, '--out', timed]).done).code).toBe(0);
        const full = Date.now() - started;
        const seen: string[] = [];
        for (const fraction of [0.4, 0.7, 0.9]) {
            const out = join(dir, `killed-${fraction}`);
            // A machine under load runs slower or faster than the timed run: kill earlier until the kill lands.
            for (let delay = full * fraction; ; delay *= 0.7) {
                rmSync(out, { recursive: true, force: true });
                const victim = start(['process', exports, '--out', out]);
                await new Promise((resolve) => setTimeout(resolve, Math.round(delay)));
                victim.child.kill('SIGKILL');
                if ((await victim.done).signal === 'SIGKILL') break;
            }
            const left = await createFileRunStore(join(out, '.finops-hub')).listRuns();
            seen.push(`${fraction}: ${left.map((r) => r.status).join(',') || 'nothing recorded'}`);
            // The killed process's lock is taken over at once: its holder is gone.
            const rerun = await start(['process', exports, '--out', out]).done;
            expect([rerun.code, rerun.stderr]).toEqual([0, expect.any(String)]);
            await assertFinalState(stores(exports, out));
            expect(await publishedTotals(createFolderStore(out))).toEqual(B_TOTALS);
        }
        console.log(`Killed after a share of a ${full} ms run; run states left behind: ${seen.join('; ')}`);
    }, 180_000);
});
