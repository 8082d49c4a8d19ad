import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { Workspace } from '../pipeline/ports';
import { createDuckDbInstance, type DuckDbSettings } from './duckdb';
import { inflateGzip } from './inflateGzip';
import { verifyGzip } from './verifyGzip';

/**
 * The pipeline's scratch space on the local disk (`tempDirectory`) and its DuckDB sessions: one DuckDB instance for
 * the life of the process (created on first use; its catalog keeps the hub's macros and lookup tables between parts),
 * a fresh connection per session, at most `concurrency` sessions at a time (one, as a function instance converts one
 * part at a time). An instance DuckDB declares unusable after a fatal error is replaced on the next use. Each instance
 * spills into its own folder, removed when the instance is replaced or the workspace closed: a process that ends
 * without `close` (killed) leaves it behind.
 */
export function createLocalWorkspace(settings: DuckDbSettings, concurrency = 1): Workspace {
    let instance: ReturnType<typeof createDuckDbInstance> | undefined;
    const retire = async (retired: typeof instance) => (await retired?.catch(() => undefined))?.close();
    let running = 0;
    const waiting: (() => void)[] = [];
    const slot = async () => {
        if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
        running += 1;
    };
    const free = () => {
        running -= 1;
        waiting.shift()?.();
    };
    return {
        async withScratch(work) {
            const dir = await mkdtemp(join(settings.tempDirectory, 'hub-'));
            try {
                return await work(dir);
            } finally {
                await rm(dir, { recursive: true, force: true });
            }
        },
        async withDuckDb(work) {
            await slot();
            try {
                const current = (instance ??= createDuckDbInstance(settings).catch((error: unknown) => {
                    instance = undefined;
                    throw error;
                }));
                const connection = await (await current).instance.connect();
                try {
                    await connection.run("set TimeZone = 'UTC'");
                    return await work(connection);
                } catch (error) {
                    if (/database has been invalidated|FATAL Error/i.test(String(error)) && instance === current) {
                        instance = undefined;
                        await retire(current).catch(() => undefined);
                    }
                    throw error;
                } finally {
                    connection.closeSync();
                }
            } finally {
                free();
            }
        },
        async openPart(path, name) {
            if (!path.endsWith('.gz')) return { path, verify: () => Promise.resolve() };
            if (settings.threads < 2) return { path, verify: () => verifyGzip(path, name) };
            const plain = path.slice(0, -'.gz'.length);
            await inflateGzip(path, plain, name);
            return { path: plain, verify: () => Promise.resolve() };
        },
        async close() {
            const closing = instance;
            instance = undefined;
            await retire(closing);
        },
    };
}
