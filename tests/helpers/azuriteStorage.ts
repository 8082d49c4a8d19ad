import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

import { writeExport } from './exportTree';

let made = 0;

/** A new, empty blob container on `connectionString`, named `name` plus a counter. */
export async function newContainer(connectionString: string, name: string): Promise<ContainerClient> {
    const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(`${name}${++made}`);
    await client.create();
    return client;
}

/** A new, empty table on `connectionString`, named `name` plus a counter. */
export async function newTable(connectionString: string, name: string): Promise<TableClient> {
    const client = TableClient.fromConnectionString(connectionString, `${name}${++made}`, {
        allowInsecureConnection: true,
    });
    await client.createTable();
    return client;
}

/**
 * Copies every blob of `from` into `to` (server-side, properties kept) and every entity of `fromTable` into
 * `toTable`: a fresh copy of a stores' state for a test to start from.
 */
export async function copyStorage(
    from: { container: ContainerClient; table: TableClient },
    to: { container: ContainerClient; table: TableClient },
): Promise<void> {
    for await (const blob of from.container.listBlobsFlat()) {
        const source = from.container.getBlockBlobClient(blob.name);
        await (await to.container.getBlockBlobClient(blob.name).beginCopyFromURL(source.url)).pollUntilDone();
    }
    for await (const entity of from.table.listEntities<Record<string, unknown>>()) {
        const copy: Record<string, unknown> = { ...entity };
        delete copy.etag;
        delete copy.timestamp;
        await to.table.createEntity({ ...copy, partitionKey: entity.partitionKey ?? '', rowKey: entity.rowKey ?? '' });
    }
}

/** Uploads every file under the local folder `root` to `container`, named by its path relative to `root`. */
export async function uploadFolder(container: ContainerClient, root: string): Promise<ContainerClient> {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        const path = join(entry.parentPath, entry.name);
        await container.getBlockBlobClient(path.slice(root.length + 1)).uploadData(readFileSync(path));
    }
    return container;
}

/**
 * Lands an October 2026 export run of `parts` one-row parts (BilledCost 1, 2, …) in `container`, as Cost Management
 * writes it; resolves to its manifest's name.
 */
export async function landRun(container: ContainerClient, runId: string, parts: number): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), 'hub-landed-'));
    try {
        const manifest = writeExport(root, {
            runId,
            submittedTime: '2026-10-05T00:00:00Z',
            month: '2026-10',
            parts: Array.from({ length: parts }, (_, i) => [{ BilledCost: String(i + 1) }]),
        });
        await uploadFolder(container, root);
        return manifest;
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}
