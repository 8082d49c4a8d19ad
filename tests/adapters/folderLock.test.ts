import { mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { lockFolders } from '../../src/adapters/folderLock';

// The CLI's lock on its output and state folders (real files in a temporary folder).

const paths = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-lock-'));
    return [join(dir, 'state', 'lock'), join(dir, 'out', '.finops-hub.lock')];
};

describe('lockFolders', () => {
    it('lets one holder at a time take the locks, and the next once they are released', async () => {
        const locks = paths();
        const first = await lockFolders(locks, 0);
        await expect(lockFolders([locks[1] ?? ''], 0)).rejects.toMatchObject({ code: 'StateLocked' });
        const waiting = lockFolders(locks, 30);
        await first.release();
        await (await waiting).release();
    });

    it('takes a lock over at once when its holder, a process of this host, is gone', async () => {
        const [lock = ''] = paths();
        mkdirSync(lock, { recursive: true });
        // A process that no longer exists: pids are below 2^22 on Linux.
        writeFileSync(`${lock}.owner`, JSON.stringify({ pid: 2 ** 22 + 7, host: hostname() }));
        const taken = await lockFolders([lock], 0);
        taken.check();
        await taken.release();
    });

    it('waits for a live holder of another host until the lock goes stale', async () => {
        const [lock = ''] = paths();
        mkdirSync(lock, { recursive: true });
        writeFileSync(`${lock}.owner`, JSON.stringify({ pid: process.pid, host: `not-${hostname()}` }));
        await expect(lockFolders([lock], 0)).rejects.toMatchObject({ code: 'StateLocked' });
    });

    it('reports a lock lost while held through check(), which the pipeline makes before every publish step', async () => {
        const [lock = ''] = paths();
        const held = await lockFolders([lock], 0, 2_000);
        held.check();
        rmSync(`${lock}.owner`);
        rmdirSync(lock);
        const deadline = Date.now() + 10_000;
        let lost: unknown;
        while (!lost && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            try {
                held.check();
            } catch (error) {
                lost = error;
            }
        }
        expect(lost).toMatchObject({ code: 'LockLost', message: expect.stringContaining(lock) });
        await held.release();
    });
});
