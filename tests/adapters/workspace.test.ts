import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { createLocalWorkspace } from '../../src/adapters/workspace';

describe('local workspace', () => {
    let dir: string;
    const text = 'a,b\n1,2\n'.repeat(1000);
    const settings = (threads: number) => ({
        memoryLimit: '256MB',
        threads,
        tempDirectory: dir,
        maxTempDirectorySize: '100MB',
    });
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'hub-open-'));
        writeFileSync(join(dir, 'part.csv.gz'), gzipSync(text));
        const whole = gzipSync(text);
        writeFileSync(join(dir, 'cut.csv.gz'), whole.subarray(0, whole.length - 10));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('inflates a gzip part for several threads, and checks it as it does', async () => {
        const workspace = createLocalWorkspace(settings(2));
        const opened = await workspace.openPart(join(dir, 'part.csv.gz'), 'part.csv.gz');
        expect(opened.path).toBe(join(dir, 'part.csv'));
        expect(readFileSync(opened.path, 'utf8')).toBe(text);
        await expect(opened.verify()).resolves.toBeUndefined();
        await expect(workspace.openPart(join(dir, 'cut.csv.gz'), 'cut.csv.gz')).rejects.toMatchObject({
            code: 'PartCorrupt',
        });
    });

    it('leaves a gzip part compressed for one thread and checks it alongside', async () => {
        const workspace = createLocalWorkspace(settings(1));
        const opened = await workspace.openPart(join(dir, 'part.csv.gz'), 'part.csv.gz');
        expect(opened.path).toBe(join(dir, 'part.csv.gz'));
        await expect(opened.verify()).resolves.toBeUndefined();
        const cut = await workspace.openPart(join(dir, 'cut.csv.gz'), 'cut.csv.gz');
        await expect(cut.verify()).rejects.toMatchObject({ code: 'PartCorrupt' });
    });

    it('removes its DuckDB spill folder when closed, and opens a new instance on the next session', async () => {
        const workspace = createLocalWorkspace(settings(1));
        const spills = () => readdirSync(dir).filter((name) => name.startsWith('duckdb-'));
        const answer = async () =>
            workspace.withDuckDb(async (c) => (await c.runAndReadAll('select 42 as a')).getRowObjects()[0]?.a);
        expect(await answer()).toBe(42);
        expect(spills()).toHaveLength(1);
        await workspace.close();
        expect(spills()).toEqual([]);
        expect(await answer()).toBe(42);
        await workspace.close();
        expect(spills()).toEqual([]);
    });
});
