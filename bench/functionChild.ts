import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { InvocationContext } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';

import { ingest } from '../functions/ingest/index';
import { transform } from '../functions/transform/index';

/** What the function contender prints as its last stdout line. */
export interface FunctionReport {
    /** Seconds from the manifest's ingest to the last queue message handled (uploading the export is not counted). */
    handlerSeconds: number;
    /** The pipeline's log lines. */
    logs: string[];
    /** Bytes of the published Costs Parquet. */
    outputBytes: number;
}

/**
 * Child entry point: `node functionChild.js '{"root": <export folder>}'` with HubStorage and the container, queue and
 * table names in the environment. Uploads the export into Azurite's exports container, then runs the ingest and
 * transform handlers in this process, parts one after another, as one Functions instance would.
 */
async function main(): Promise<void> {
    const { root } = JSON.parse(process.argv[2] ?? '') as { root: string };
    const connection = process.env.HubStorage ?? '';
    const blobs = BlobServiceClient.fromConnectionString(connection);
    const exportsContainer = blobs.getContainerClient(process.env.HUB_EXPORTS_CONTAINER ?? 'msexports');
    const ingestion = blobs.getContainerClient(process.env.HUB_INGESTION_CONTAINER ?? 'ingestion');
    await exportsContainer.createIfNotExists();
    await ingestion.createIfNotExists();
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name !== 'input.json')
        .map((entry) => relative(root, join(entry.parentPath, entry.name)));
    const manifest = files.find((name) => name.endsWith('manifest.json')) ?? '';
    for (const name of files.filter((n) => n !== manifest)) {
        await exportsContainer.getBlockBlobClient(name).uploadFile(join(root, name));
    }
    await exportsContainer.getBlockBlobClient(manifest).uploadFile(join(root, manifest));

    const logs: string[] = [];
    const context = (functionName: string, triggerMetadata: Record<string, unknown>) =>
        new InvocationContext({
            functionName,
            triggerMetadata,
            logHandler: (_level, ...args) => logs.push(args.join(' ')),
        });
    const started = performance.now();
    await ingest(Buffer.from(''), context('ingest', { name: manifest }));
    const queue = new QueueClient(connection, process.env.HUB_PARTS_QUEUE ?? 'hub-parts');
    for (;;) {
        const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 1800 });
        const [message] = receivedMessageItems;
        if (!message) break;
        const body: unknown = JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8'));
        await transform(body, context('transform', { dequeueCount: message.dequeueCount }));
        await queue.deleteMessage(message.messageId, message.popReceipt);
    }
    const handlerSeconds = (performance.now() - started) / 1000;
    let outputBytes = 0;
    for await (const blob of ingestion.listBlobsFlat({ prefix: 'Costs/' })) {
        if (blob.name.endsWith('.parquet')) outputBytes += blob.properties.contentLength ?? 0;
    }
    const report: FunctionReport = { handlerSeconds, logs, outputBytes };
    process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exitCode = 1;
    });
}
