import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createStorageClients } from '../../src/adapters/storageClients';

// ADLS Gen2 (a hierarchical namespace) cannot run here: Azurite emulates a flat blob namespace only. This test puts a
// small HTTP stand-in for the blob and Data Lake endpoints behind the real SDK clients and checks the requests the blob
// store sends where the account reports a hierarchical namespace: one rename per folder move (the Data Lake
// "Path - Create" call with x-ms-rename-source), conditional on the version of the folder it read (x-ms-source-if-match)
// and on nothing being at the target (If-None-Match: *), with the fencing check between the two; one recursive delete
// per folder, and directory entries left out of listings; and that an account without a hierarchical namespace is
// refused. It is a check of the requests against the documented REST API, not of the service.

interface Seen {
    method: string;
    path: string;
    query: URLSearchParams;
    renameSource?: string;
    sourceIfMatch?: string;
    ifNoneMatch?: string;
}

let server: Server;
let seen: Seen[] = [];
let base = '';
/** What the stand-in answers: the namespace, paths that do not exist, and the outcome of a rename. */
let stand = { hns: true, missing: [] as string[], rename: { status: 201, code: '' } };

/** Paths the stand-in lists for `directory=` queries: files and one directory entry. */
const PATHS = [
    { name: 'Costs/2026/10/subscriptions/a', isDirectory: 'true' },
    { name: 'Costs/2026/10/subscriptions/a/r1__part.parquet', contentLength: '10' },
    { name: 'Costs/2026/10/subscriptions/a/manifest.json', contentLength: '2' },
];

function answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const source = request.headers['x-ms-rename-source'];
    const header = (name: string) => (typeof request.headers[name] === 'string' ? request.headers[name] : undefined);
    const path = decodeURIComponent(url.pathname);
    seen.push({
        method: request.method ?? '',
        path,
        query: url.searchParams,
        ...(typeof source === 'string' ? { renameSource: decodeURIComponent(source) } : {}),
        ...(header('x-ms-source-if-match') ? { sourceIfMatch: header('x-ms-source-if-match') } : {}),
        ...(header('if-none-match') ? { ifNoneMatch: header('if-none-match') } : {}),
    });
    request.resume();
    const headers: Record<string, string> = { 'x-ms-request-id': '1', 'x-ms-version': '2025-11-05' };
    if (url.searchParams.get('comp') === 'properties' && url.searchParams.get('restype') === 'account') {
        response.writeHead(200, {
            ...headers,
            'x-ms-is-hns-enabled': String(stand.hns),
            'x-ms-sku-name': 'Standard_LRS',
        });
    } else if (request.method === 'HEAD') {
        const found = !stand.missing.some((missing) => path.endsWith(missing));
        response.writeHead(found ? 200 : 404, found ? { ...headers, etag: '"0x8DD0F0LDER"' } : headers);
    } else if (typeof source === 'string' && stand.rename.status >= 400) {
        const code = { ...headers, 'x-ms-error-code': stand.rename.code, 'content-type': 'application/json' };
        response.writeHead(stand.rename.status, code);
        response.end(JSON.stringify({ error: { code: stand.rename.code, message: 'stand-in' } }));
        return;
    } else if (request.method === 'GET' && url.searchParams.get('comp') === 'list') {
        response.writeHead(200, { ...headers, 'content-type': 'application/xml' });
        response.end(
            '<?xml version="1.0" encoding="utf-8"?><EnumerationResults><Blobs /><NextMarker /></EnumerationResults>',
        );
        return;
    } else if (request.method === 'GET' && url.searchParams.get('resource') === 'filesystem') {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' });
        response.end(JSON.stringify({ paths: PATHS }));
        return;
    } else {
        response.writeHead(request.method === 'DELETE' ? 200 : 201, headers);
    }
    response.end();
}

beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/devstoreaccount1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
    seen = [];
    stand = { hns: true, missing: [], rename: { status: 201, code: '' } };
});

function store(account = 'devstoreaccount1') {
    const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    const endpoint = base.replace('devstoreaccount1', account);
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${key};BlobEndpoint=${endpoint};`;
    const clients = createStorageClients({ connectionString });
    return createBlobStore(clients.blobService().getContainerClient('ingestion'), () =>
        clients.dataLake().getFileSystemClient('ingestion'),
    );
}

describe('blob store on a hierarchical namespace (Data Lake requests)', () => {
    it('moves a folder with one rename of the version it saw, to a free name, fenced in between', async () => {
        const order: string[] = [];
        const fence = () => {
            order.push(`fence after ${seen.length} requests`);
            return Promise.resolve();
        };
        const moved = await store().moveFolder('_staging/r1-abc/c1/Costs', 'Costs/2026/10/subscriptions/a', { fence });
        expect(moved).toBe('moved');
        // With an emulator-style URL the account name is a path segment, which the SDK keeps on one side of the
        // rename only; on *.dfs.core.windows.net both sides are /ingestion/…. Compare from the container on.
        const fromContainer = (path: string | undefined) => path?.slice(path.indexOf('/ingestion/'));
        const calls = seen.filter((s) => s.method !== 'GET');
        expect(
            calls.map((c) => [c.method, fromContainer(c.path), c.query.get('resource'), fromContainer(c.renameSource)]),
        ).toEqual([
            ['HEAD', '/ingestion/_staging/r1-abc/c1/Costs', null, undefined],
            ['PUT', '/ingestion/Costs/2026/10/subscriptions', 'directory', undefined],
            ['PUT', '/ingestion/Costs/2026/10/subscriptions/a', null, '/ingestion/_staging/r1-abc/c1/Costs'],
        ]);
        expect(calls[2]).toMatchObject({ sourceIfMatch: '"0x8DD0F0LDER"', ifNoneMatch: '*' });
        const head = seen.findIndex((s) => s.method === 'HEAD');
        expect(order).toEqual([`fence after ${head + 1} requests`]);
    });

    it('moves into an existing folder only, creating none, when the parent must exist', async () => {
        const options = { parentMustExist: true };
        await store().moveFolder('Costs/2026/10/subscriptions/a/child', '_staging/r1-abc/c1/Costs/child', options);
        expect(seen.filter((s) => s.method === 'PUT').map((s) => s.query.get('resource'))).toEqual([null]);
    });

    it('reports a source gone or changed as absent, and a taken target as occupied, moving nothing', async () => {
        let fenced = 0;
        const fence = () => Promise.resolve(void (fenced += 1));
        stand.missing = ['/ingestion/gone'];
        await expect(store().moveFolder('gone', 'anywhere/x', { fence })).resolves.toBe('absent');
        expect([fenced, seen.filter((s) => s.method === 'PUT')]).toEqual([0, []]);
        stand.missing = [];
        for (const [status, code, outcome] of [
            [412, 'SourceConditionNotMet', 'absent'],
            [404, 'RenameDestinationParentPathNotFound', 'absent'],
            [412, 'ConditionNotMet', 'occupied'],
            [409, 'PathAlreadyExists', 'occupied'],
        ] as const) {
            stand.rename = { status, code };
            await expect(store().moveFolder('a', 'b/c', { fence })).resolves.toBe(outcome);
        }
        expect(fenced).toBe(4);
    });

    it('refuses an account without a hierarchical namespace, unless it is the storage emulator', async () => {
        stand.hns = false;
        await expect(store('hubdata').moveFolder('a', 'b')).rejects.toMatchObject({
            code: 'FlatNamespace',
            message: expect.stringContaining('Storage account hubdata has no hierarchical namespace'),
        });
        await expect(store('hubdata').list('Costs/')).rejects.toMatchObject({ code: 'FlatNamespace' });
        await expect(store().list('Costs/')).resolves.toEqual([]);
    });

    it('deletes a folder with one recursive delete', async () => {
        await store().deleteFolder('_staging/r1-abc');
        const deletes = seen.filter((s) => s.method === 'DELETE');
        expect(deletes.map((d) => [d.path, d.query.get('recursive')])).toEqual([
            ['/devstoreaccount1/ingestion/_staging/r1-abc', 'true'],
        ]);
    });

    it('lists files through the Data Lake endpoint and leaves directory entries out', async () => {
        await expect(store().list('Costs/2026/10/subscriptions/a/')).resolves.toEqual([
            'Costs/2026/10/subscriptions/a/manifest.json',
            'Costs/2026/10/subscriptions/a/r1__part.parquet',
        ]);
        const listing = seen.find((s) => s.query.get('resource') === 'filesystem');
        expect([listing?.query.get('directory'), listing?.query.get('recursive')]).toEqual([
            'Costs/2026/10/subscriptions/a',
            'true',
        ]);
    });
});
