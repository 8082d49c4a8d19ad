import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createStorageClients } from '../../src/adapters/storageClients';

// ADLS Gen2 (a hierarchical namespace) cannot run here: Azurite emulates a flat blob namespace only. This test puts a
// small HTTP stand-in for the Data Lake endpoint behind the real SDK clients and checks the requests the blob store
// sends where the account reports a hierarchical namespace: one rename per folder move (the Data Lake "Path - Create"
// call with x-ms-rename-source), one recursive delete per folder, and directory entries left out of listings. It is
// a check of the requests against the documented REST API, not of the service.

interface Seen {
    method: string;
    path: string;
    query: URLSearchParams;
    renameSource?: string;
}

let server: Server;
let seen: Seen[] = [];
let base = '';

/** Paths the stand-in lists for `directory=` queries: files and one directory entry. */
const PATHS = [
    { name: 'Costs/2026/10/subscriptions/a', isDirectory: 'true' },
    { name: 'Costs/2026/10/subscriptions/a/r1__part.parquet', contentLength: '10' },
    { name: 'Costs/2026/10/subscriptions/a/manifest.json', contentLength: '2' },
];

function answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const source = request.headers['x-ms-rename-source'];
    seen.push({
        method: request.method ?? '',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        ...(typeof source === 'string' ? { renameSource: decodeURIComponent(source) } : {}),
    });
    request.resume();
    const headers: Record<string, string> = { 'x-ms-request-id': '1', 'x-ms-version': '2025-11-05' };
    if (url.searchParams.get('comp') === 'properties' && url.searchParams.get('restype') === 'account') {
        response.writeHead(200, { ...headers, 'x-ms-is-hns-enabled': 'true', 'x-ms-sku-name': 'Standard_LRS' });
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
beforeEach(() => (seen = []));

function store() {
    const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=${base};`;
    const clients = createStorageClients({ connectionString });
    return createBlobStore(clients.blobService().getContainerClient('ingestion'), () =>
        clients.dataLake().getFileSystemClient('ingestion'),
    );
}

describe('blob store on a hierarchical namespace (Data Lake requests)', () => {
    it('moves a folder with one Data Lake rename, after making sure the target’s parent exists', async () => {
        await store().moveFolder('_staging/r1-abc/Costs', 'Costs/2026/10/subscriptions/a');
        // With an emulator-style URL the account name is a path segment, which the SDK keeps on one side of the
        // rename only; on *.dfs.core.windows.net both sides are /ingestion/…. Compare from the container on.
        const fromContainer = (path: string | undefined) => path?.slice(path.indexOf('/ingestion/'));
        const calls = seen.filter((s) => s.method === 'PUT');
        expect(
            calls.map((c) => [fromContainer(c.path), c.query.get('resource'), fromContainer(c.renameSource)]),
        ).toEqual([
            ['/ingestion/Costs/2026/10/subscriptions', 'directory', undefined],
            ['/ingestion/Costs/2026/10/subscriptions/a', null, '/ingestion/_staging/r1-abc/Costs'],
        ]);
        expect(seen.filter((s) => s.method !== 'PUT' && s.method !== 'GET')).toEqual([]);
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
