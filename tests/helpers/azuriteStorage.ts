import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';

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

/** Uploads every file under the local folder `root` to `container`, named by its path relative to `root`. */
export async function uploadFolder(container: ContainerClient, root: string): Promise<ContainerClient> {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        const path = join(entry.parentPath, entry.name);
        await container.getBlockBlobClient(path.slice(root.length + 1)).uploadData(readFileSync(path));
    }
    return container;
}
