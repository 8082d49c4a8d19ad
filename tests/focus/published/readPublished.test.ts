import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { createBlobStore } from '../../../src/adapters/blobStore';
import { createFolderStore } from '../../../src/adapters/folderStore';
import { createStorageClients } from '../../../src/adapters/storageClients';
import { listPublished } from '../../../src/focus/published/listPublished';
import { readPublished } from '../../../src/focus/published/readPublished';
import type { ObjectStore } from '../../../src/pipeline/ports';
import { type Azurite, startAzurite } from '../../helpers/azurite';

let azurite: Azurite | undefined;
let scratch: string;
let containers = 0;

beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'read-published-'));
    azurite = await startAzurite();
});

afterAll(async () => {
    await azurite?.stop();
    rmSync(scratch, { recursive: true, force: true });
});

const stores: [string, () => Promise<ObjectStore>][] = [
    [
        'blob container',
        async () => {
            const service = createStorageClients({ connectionString: azurite?.connectionString }).blobService();
            const container = service.getContainerClient(`ingestion${++containers}`);
            await container.create();
            return createBlobStore(container);
        },
    ],
    ['local folder', () => Promise.resolve(createFolderStore(mkdtempSync(join(scratch, 'folder-'))))],
];

const BILLING = 'providers/microsoft.billing/billingaccounts/81234567';
const PROFILE = `${BILLING}/billingprofiles/abcd-efgh`;
const SUB = 'subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';

/**
 * A file shaped like Parquet (magic, `text`, an empty footer's length, magic), which is what readers check before
 * DuckDB reads a file: `text` names the file, so a test can tell which was downloaded.
 */
const parquetShaped = (text: string) =>
    Buffer.concat([Buffer.from('PAR1'), Buffer.from(text), Buffer.alloc(4), Buffer.from('PAR1')]);
const textOf = (path: string) => readFileSync(path).subarray(4, -8).toString('utf8');

/** Publishes a folder the way the hub does: its files, then a manifest listing them. */
async function publish(store: ObjectStore, folder: string, runId: string, files: string[]): Promise<void> {
    const local = join(scratch, 'upload.parquet');
    for (const name of files) {
        writeFileSync(local, parquetShaped(`${folder}/${name}`));
        await store.upload(local, `${folder}/${name}`);
    }
    const manifest = {
        runId,
        submittedTime: '2026-10-03T04:58:30.041Z',
        publishedAt: '2026-10-03T05:10:00.000Z',
        files: files.map((name) => ({ name, rows: 10 })),
    };
    await store.writeText(`${folder}/manifest.json`, JSON.stringify(manifest), 'application/json');
}

describe.each(stores)('reading published data from a %s', (_kind, makeStore) => {
    let store: ObjectStore;

    beforeEach(async () => {
        store = await makeStore();
        await publish(store, `Costs/2026/09/${BILLING}`, 'r1', ['r1__part_0_0001.parquet', 'r1__part_0_0002.parquet']);
        await publish(store, `Costs/2026/09/${PROFILE}`, 'r2', ['r2__part_0_0001.parquet']);
        await publish(store, `Costs/2026/09/${SUB}`, 'r3', ['r3__part_0_0001.parquet']);
        await publish(store, `Costs/2026/10/${SUB}`, 'r4', ['r4__part_0_0001.parquet']);
        // An older run's file the manifest no longer lists, a staged run, and a retired folder: not published data.
        await store.writeText(`Costs/2026/10/${SUB}/r0__part_0_0001.parquet`, 'old');
        await store.writeText(`_staging/r5/Costs/00000.parquet`, 'staged');
        await store.writeText(`_retired/Costs/2026/10/${SUB}/manifest.json`, '{"runId":"x","files":[]}');
    });

    it('lists folders by their manifest.json, nested scopes included, sorted by month and scope', async () => {
        const folders = await listPublished(store, 'Costs');
        expect(folders.map((f) => [f.month, f.scope, f.runId, f.files.map((file) => file.name)])).toEqual([
            ['2026-09', BILLING, 'r1', ['r1__part_0_0001.parquet', 'r1__part_0_0002.parquet']],
            ['2026-09', PROFILE, 'r2', ['r2__part_0_0001.parquet']],
            ['2026-09', SUB, 'r3', ['r3__part_0_0001.parquet']],
            ['2026-10', SUB, 'r4', ['r4__part_0_0001.parquet']],
        ]);
        expect(folders[0]).toMatchObject({
            dataset: 'Costs',
            folder: `Costs/2026/09/${BILLING}`,
            submittedTime: '2026-10-03T04:58:30.041Z',
            publishedAt: '2026-10-03T05:10:00.000Z',
        });
        expect((await listPublished(store, 'Costs', { scope: BILLING })).map((f) => f.runId)).toEqual(['r1']);
        expect((await listPublished(store, 'Costs', { months: ['2026-10'] })).map((f) => f.runId)).toEqual(['r4']);
        await expect(listPublished(store, 'AIUnitEconomics')).resolves.toEqual([]);
    });

    it('downloads only the files each manifest lists, leaving out scopes nested in a published scope', async () => {
        const target = mkdtempSync(join(scratch, 'read-'));
        const read = await readPublished(store, 'Costs', {}, target);
        expect(read.folders.map((f) => f.runId)).toEqual(['r1', 'r3', 'r4']);
        const contents = read.files.map((file) => textOf(file.path));
        expect(contents).toEqual([
            `Costs/2026/09/${BILLING}/r1__part_0_0001.parquet`,
            `Costs/2026/09/${BILLING}/r1__part_0_0002.parquet`,
            `Costs/2026/09/${SUB}/r3__part_0_0001.parquet`,
            `Costs/2026/10/${SUB}/r4__part_0_0001.parquet`,
        ]);
        expect(read.files.every((file) => !relative(target, file.path).startsWith('..'))).toBe(true);

        const nested = await readPublished(store, 'Costs', { scope: PROFILE }, mkdtempSync(join(scratch, 'read-')));
        expect(nested.files.map((file) => textOf(file.path))).toEqual([
            `Costs/2026/09/${PROFILE}/r2__part_0_0001.parquet`,
        ]);
    });

    it('names a listed file that is not Parquet as PublishedFileInvalid', async () => {
        const local = join(scratch, 'damaged.parquet');
        writeFileSync(local, 'garbage');
        await store.upload(local, `Costs/2026/10/${SUB}/r4__part_0_0001.parquet`);
        await expect(
            readPublished(store, 'Costs', { scope: SUB }, mkdtempSync(join(scratch, 'read-'))),
        ).rejects.toMatchObject({
            code: 'PublishedFileInvalid',
            message: expect.stringContaining(`Published file Costs/2026/10/${SUB}/r4__part_0_0001.parquet in `),
        });
    });

    it('rejects a manifest that names a file outside its folder', async () => {
        await store.writeText(
            `Costs/2026/11/${SUB}/manifest.json`,
            JSON.stringify({ runId: 'r9', files: [{ name: '../../10/x.parquet' }] }),
        );
        await expect(listPublished(store, 'Costs', { months: ['2026-11'] })).rejects.toMatchObject({
            code: 'ManifestInvalid',
            message: expect.stringContaining(`Folder manifest Costs/2026/11/${SUB}/manifest.json`),
        });
    });
});
