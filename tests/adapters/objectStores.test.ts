import { randomBytes } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    symlinkSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createFolderStore } from '../../src/adapters/folderStore';
import { createStorageClients } from '../../src/adapters/storageClients';
import { TransientError } from '../../src/errors';
import type { ObjectStore } from '../../src/pipeline/ports';
import { type Azurite, startAzurite } from '../helpers/azurite';

let azurite: Azurite | undefined;
let scratch: string;
let containers = 0;

beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'object-stores-'));
    azurite = await startAzurite();
});

afterAll(async () => {
    await azurite?.stop();
    rmSync(scratch, { recursive: true, force: true });
});

const blobService = () => createStorageClients({ connectionString: azurite?.connectionString }).blobService();

const implementations: [string, () => Promise<ObjectStore>][] = [
    [
        'blob container',
        async () => {
            const container = blobService().getContainerClient(`store${++containers}`);
            await container.create();
            return createBlobStore(container);
        },
    ],
    ['local folder', () => Promise.resolve(createFolderStore(mkdtempSync(join(scratch, 'folder-'))))],
];

describe.each(implementations)('ObjectStore over a %s', (_kind, makeStore) => {
    let store: ObjectStore;
    let local: string;

    beforeEach(async () => {
        store = await makeStore();
        local = mkdtempSync(join(scratch, 'local-'));
    });

    it('writes text as a whole and reads it back, replacing earlier text', async () => {
        await store.writeText('runs/a/manifest.json', '{"old":true}', 'application/json');
        await store.writeText('runs/a/manifest.json', 'Grüße, 東京 €');
        await expect(store.readText('runs/a/manifest.json')).resolves.toBe('Grüße, 東京 €');
        await expect(store.size('runs/a/manifest.json')).resolves.toBe(Buffer.byteLength('Grüße, 東京 €'));
    });

    it('reports missing objects as PartMissing naming the object and the store', async () => {
        const target = join(local, 'never.csv');
        for (const attempt of [
            () => store.readText('exports/none.csv'),
            () => store.download('exports/none.csv', target),
        ]) {
            const error = await attempt().then(
                () => undefined,
                (reason: unknown) => reason,
            );
            expect(error).toMatchObject({ name: 'InputError', code: 'PartMissing', retryable: false });
            expect((error as Error).message).toContain('exports/none.csv');
            expect((error as Error).message).toContain(store.location);
        }
        expect(existsSync(target)).toBe(false);
        await expect(store.copy('exports/none.csv', 'copy.csv')).rejects.toMatchObject({ code: 'PartMissing' });
        await expect(store.size('exports/none.csv')).resolves.toBeUndefined();
    });

    it('round-trips a few MB byte for byte through upload, copy and download', async () => {
        const original = randomBytes(3 * 1024 * 1024 + 17);
        writeFileSync(join(local, 'in.bin'), original);
        await store.upload(join(local, 'in.bin'), 'ingestion/part.parquet');
        await store.copy('ingestion/part.parquet', 'published/part.parquet');
        await store.download('published/part.parquet', join(local, 'out.bin'));

        expect(readFileSync(join(local, 'out.bin')).equals(original)).toBe(true);
        await expect(store.size('ingestion/part.parquet')).resolves.toBe(original.length);
        await expect(store.size('published/part.parquet')).resolves.toBe(original.length);
    });

    it('replaces an object on upload', async () => {
        await store.writeText('x/data.csv', 'a much longer first version');
        writeFileSync(join(local, 'new.csv'), 'v2');
        await store.upload(join(local, 'new.csv'), 'x/data.csv');
        await expect(store.readText('x/data.csv')).resolves.toBe('v2');
    });

    it('lists recursively by prefix in sorted order', async () => {
        const names = ['b/2.txt', 'a/sub/x.txt', 'a/2.txt', 'ab.txt', 'a/10.txt', 'a/1.txt'];
        for (const name of names) await store.writeText(name, name);

        await expect(store.list('a/')).resolves.toEqual(['a/1.txt', 'a/10.txt', 'a/2.txt', 'a/sub/x.txt']);
        await expect(store.list('a')).resolves.toEqual(['a/1.txt', 'a/10.txt', 'a/2.txt', 'a/sub/x.txt', 'ab.txt']);
        await expect(store.list('a/1')).resolves.toEqual(['a/1.txt', 'a/10.txt']);
        await expect(store.list('')).resolves.toEqual([...names].sort());
        await expect(store.list('missing/')).resolves.toEqual([]);
    });

    it('lists the immediate sub-folders of a folder', async () => {
        for (const name of ['m/a.txt', 'm/x/1.txt', 'm/b/c/2.txt', 'm/bb/3.txt', 'mm/4.txt']) {
            await store.writeText(name, name);
        }
        await expect(store.listFolders('m')).resolves.toEqual(['b', 'bb', 'x']);
        await expect(store.listFolders('m/b')).resolves.toEqual(['c']);
        await expect(store.listFolders('m/x')).resolves.toEqual([]);
        await expect(store.listFolders('none')).resolves.toEqual([]);
    });

    it('moves a whole folder, sub-folders included, and repeating the move changes nothing', async () => {
        for (const name of ['from/a.txt', 'from/sub/b.txt', 'fromage.txt', 'other/c.txt']) {
            await store.writeText(name, name);
        }
        await store.moveFolder('from', 'to/deep/there');
        await store.moveFolder('from', 'to/deep/there');
        await expect(store.list('')).resolves.toEqual([
            'fromage.txt',
            'other/c.txt',
            'to/deep/there/a.txt',
            'to/deep/there/sub/b.txt',
        ]);
        await expect(store.readText('to/deep/there/sub/b.txt')).resolves.toBe('from/sub/b.txt');
        await store.moveFolder('missing', 'anywhere');
        await expect(store.list('anywhere/')).resolves.toEqual([]);
    });

    it('never moves a folder over one that holds anything, and says what it found', async () => {
        await store.writeText('src/a.txt', 'a');
        await store.writeText('dst/other.txt', 'other');
        await expect(store.moveFolder('src', 'dst')).resolves.toBe('occupied');
        await expect(store.list('')).resolves.toEqual(['dst/other.txt', 'src/a.txt']);
        await expect(store.moveFolder('nothing', 'dst2')).resolves.toBe('absent');
        await expect(store.moveFolder('src', 'dst2')).resolves.toBe('moved');
        await expect(store.moveFolder('dst2', 'deep/free', { parentMustExist: true })).resolves.toBe(
            _kind === 'local folder' ? 'absent' : 'moved',
        );
    });

    it('runs the fence after seeing the folder and before moving; a throwing fence moves nothing', async () => {
        await store.writeText('fenced/a.txt', 'a');
        const lost = new TransientError('PublishBusy', 'lease lost');
        await expect(store.moveFolder('fenced', 'away', { fence: () => Promise.reject(lost) })).rejects.toBe(lost);
        await expect(store.list('')).resolves.toEqual(['fenced/a.txt']);
    });

    it('deletes a folder with everything under it, and nothing else', async () => {
        for (const name of ['gone/a.txt', 'gone/sub/b.txt', 'gonewild.txt']) await store.writeText(name, name);
        await store.deleteFolder('gone');
        await store.deleteFolder('gone');
        await expect(store.list('')).resolves.toEqual(['gonewild.txt']);
        await expect(store.listFolders('')).resolves.toEqual([]);
    });

    it('deletes objects and ignores missing ones', async () => {
        await store.writeText('d/one.txt', '1');
        await store.delete('d/one.txt');
        await store.delete('d/one.txt');
        await expect(store.size('d/one.txt')).resolves.toBeUndefined();
        await expect(store.list('d/')).resolves.toEqual([]);
    });
});

describe('blob store', () => {
    it('moves on a flat namespace only the versions it saw, each at most once, whoever moves it', async () => {
        const container = blobService().getContainerClient(`store${++containers}`);
        await container.create();
        const store = createBlobStore(container);
        for (const name of ['from/a.txt', 'from/b.txt', 'from/c.txt', 'from/manifest.json']) {
            await store.writeText(name, `old ${name}`);
        }
        // After the move saw the folder, another writer replaces a.txt and removes b.txt; a second mover of the
        // same folder (a worker finishing the same swap) moves c.txt first.
        const fence = async () => {
            await store.writeText('from/a.txt', 'new a');
            await store.delete('from/b.txt');
            await expect(store.moveFolder('from', 'to')).resolves.toBe('moved');
        };
        await expect(store.moveFolder('from', 'to', { fence })).resolves.toBe('moved');
        await expect(store.list('')).resolves.toEqual(['to/a.txt', 'to/c.txt', 'to/manifest.json']);
        await expect(store.readText('to/a.txt')).resolves.toBe('new a');
        await expect(store.readText('to/c.txt')).resolves.toBe('old from/c.txt');
    });

    it('names the container and reports other storage failures as transient', async () => {
        const store = createBlobStore(blobService().getContainerClient('does-not-exist'));
        expect(store.location).toBe('does-not-exist');
        await expect(store.writeText('a.txt', 'x')).rejects.toMatchObject({
            name: 'TransientError',
            code: 'StorageUnavailable',
            retryable: true,
        });
    });
});

describe('folder store', () => {
    const hostile = ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a\\..\\b', 'a\0b', 'a//b', '', 'a/', './a'];

    it.each(hostile)('rejects the name %j for every operation and writes nothing outside', async (name) => {
        const parent = mkdtempSync(join(scratch, 'hostile-'));
        const root = join(parent, 'root');
        mkdirSync(root);
        const store = createFolderStore(root);
        writeFileSync(join(parent, 'source.txt'), 'x');
        const attempts = [
            () => store.readText(name),
            () => store.writeText(name, 'x'),
            () => store.upload(join(parent, 'source.txt'), name),
            () => store.download(name, join(parent, 'out.txt')),
            () => store.copy(name, 'ok.txt'),
            () => store.copy('ok.txt', name),
            () => store.delete(name),
            () => store.size(name),
        ];
        for (const attempt of attempts) {
            await expect(attempt()).rejects.toMatchObject({ name: 'InputError', code: 'BlobOutsideContainer' });
        }
        expect(readdirSync(parent).sort()).toEqual(['root', 'source.txt']);
        expect(readdirSync(root)).toEqual([]);
    });

    it('rejects prefixes that climb out of the folder', async () => {
        const store = createFolderStore(mkdtempSync(join(scratch, 'prefix-')));
        await expect(store.list('../')).rejects.toMatchObject({ code: 'BlobOutsideContainer' });
        await expect(store.list('/etc')).rejects.toMatchObject({ code: 'BlobOutsideContainer' });
    });

    it('leaves no temporary files behind and never lists files being written', async () => {
        const root = mkdtempSync(join(scratch, 'temp-'));
        const store = createFolderStore(root);
        await Promise.all([
            store.writeText('t/a.txt', '1'),
            store.writeText('t/a.txt', '2'),
            store.writeText('t/b', '3'),
        ]);
        expect(readdirSync(join(root, 't')).sort()).toEqual(['a.txt', 'b']);
        writeFileSync(join(root, 't', '.finops-hub-tmp-0123456789abcdef'), 'partial');
        await expect(store.list('t/')).resolves.toEqual(['t/a.txt', 't/b']);
    });

    it('refuses to read through a symbolic link that leads out of the folder', async () => {
        const parent = mkdtempSync(join(scratch, 'link-'));
        const root = join(parent, 'root');
        mkdirSync(join(root, 'exports'), { recursive: true });
        writeFileSync(join(parent, 'secret.csv'), 'secret');
        writeFileSync(join(root, 'inside.csv'), 'inside');
        symlinkSync(join(parent, 'secret.csv'), join(root, 'exports', 'part.csv'));
        symlinkSync(join(root, 'inside.csv'), join(root, 'exports', 'ok.csv'));
        symlinkSync(parent, join(root, 'up'));
        const store = createFolderStore(root);
        for (const name of ['exports/part.csv', 'up/secret.csv']) {
            await expect(store.readText(name)).rejects.toMatchObject({ code: 'BlobOutsideContainer' });
            await expect(store.download(name, join(parent, 'out.csv'))).rejects.toMatchObject({
                code: 'BlobOutsideContainer',
            });
        }
        await expect(store.readText('exports/ok.csv')).resolves.toBe('inside');
        expect(existsSync(join(parent, 'out.csv'))).toBe(false);
    });

    it('moves a folder with one rename: a reader never sees it half moved', async () => {
        const root = mkdtempSync(join(scratch, 'rename-'));
        const store = createFolderStore(root);
        for (let i = 0; i < 200; i++) await store.writeText(`from/${String(i).padStart(3, '0')}.txt`, 'x');
        const seen = new Set<number>();
        let moving = true;
        // The rename runs on libuv's thread pool, alongside this loop: a folder may go between two calls, so a folder
        // missing at any moment counts as empty.
        const entries = (dir: string) => {
            try {
                return readdirSync(dir).length;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
                throw error;
            }
        };
        const watch = (async () => {
            while (moving) {
                const counts = [join(root, 'from'), join(root, 'to')].map(entries);
                seen.add(counts[0] ?? 0).add(counts[1] ?? 0);
                await new Promise((resolve) => setImmediate(resolve));
            }
        })();
        await store.moveFolder('from', 'to');
        moving = false;
        await watch;
        expect([...seen].filter((n) => n !== 0 && n !== 200)).toEqual([]);
        expect(readdirSync(join(root, 'to'))).toHaveLength(200);
    });

    it('treats a folder as missing, not as an object', async () => {
        const store = createFolderStore(mkdtempSync(join(scratch, 'dir-')));
        await store.writeText('dir/inner.txt', 'x');
        await expect(store.readText('dir')).rejects.toMatchObject({ code: 'PartMissing' });
        await expect(store.download('dir', join(scratch, 'dir.out'))).rejects.toMatchObject({ code: 'PartMissing' });
        await expect(store.size('dir')).resolves.toBeUndefined();
    });
});
