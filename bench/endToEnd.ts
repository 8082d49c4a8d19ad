import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InvocationContext } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { DuckDBInstance } from '@duckdb/node-api';

import { ingest } from '../functions/ingest/index';
import { transform } from '../functions/transform/index';
import { generateExport } from '../src/sample/generateExport';
import { startAzurite } from '../tests/helpers/azurite';

/**
 * `npm run bench:e2e`: a 3-part export lands in Azurite's msexports container; the ingest and transform handlers run
 * in this process as one Functions instance would (parts one after another) until the run is published. Prints where
 * the time went, from the stage timings the pipeline logs.
 */
async function main(): Promise<void> {
    const rows = Number(process.argv[2] ?? 300_000);
    const root = await exportTree(rows);
    const azurite = await startAzurite();
    const logs: string[] = [];
    const context = (functionName: string, triggerMetadata: Record<string, unknown>) =>
        new InvocationContext({
            functionName,
            triggerMetadata,
            logHandler: (_level, ...args) => logs.push(args.join(' ')),
        });
    try {
        process.env.HubStorage = azurite.connectionString;
        const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
        const exportsContainer = blobs.getContainerClient('msexports');
        await exportsContainer.create();
        await blobs.getContainerClient('ingestion').create();
        const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
        const names = files
            .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
            .filter((n) => n !== 'input.json');
        const manifest = names.find((n) => n.endsWith('manifest.json')) ?? '';
        for (const name of [...names.filter((n) => n !== manifest), manifest]) {
            await exportsContainer.getBlockBlobClient(name).uploadFile(join(root, name));
        }

        const started = performance.now();
        await ingest(Buffer.from(''), context('ingest', { name: manifest }));
        const ingested = performance.now();
        const queue = new QueueClient(azurite.connectionString, 'hub-parts');
        for (;;) {
            const { receivedMessageItems } = await queue.receiveMessages({
                numberOfMessages: 1,
                visibilityTimeout: 600,
            });
            const [message] = receivedMessageItems;
            if (!message) break;
            const body: unknown = JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8'));
            await transform(body, context('transform', { dequeueCount: message.dequeueCount }));
            await queue.deleteMessage(message.messageId, message.popReceipt);
        }
        const finished = performance.now();
        report(rows, logs, ingested - started, finished - started);
    } finally {
        await azurite.stop();
    }
}

/** A 3-part FocusCost 1.0r2 CSV.gz export of `rows` rows, generated once and kept with the benchmark inputs. */
async function exportTree(rows: number): Promise<string> {
    const root = join(tmpdir(), 'finops-hub-bench', `e2e-${rows}`);
    if (existsSync(join(root, 'input.json'))) return root;
    mkdirSync(root, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    try {
        await generateExport(connection, root, {
            exportName: 'e2e',
            dataVersion: '1.0r2',
            format: { fileFormat: 'Csv', compressionMode: 'Gzip' },
            rows,
            parts: 3,
            month: '2026-08',
            scope: '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
            runId: '0e2e0000-5a4d-4e1f-9c3b-7d2e1a6f8c90',
            submittedTime: '2026-09-01T05:14:09Z',
            manifest: { generation: '2024-04-01' },
            seed: 11,
        });
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
    writeFileSync(join(root, 'input.json'), JSON.stringify({ rows }));
    return root;
}

/** Sums the `<stage> <n> ms` figures of the pipeline's log lines and prints them with their share of the run. */
function report(rows: number, logs: string[], ingestMs: number, totalMs: number): void {
    const stages = new Map<string, number>([['ingest (plan, state, queue)', ingestMs]]);
    for (const line of logs) {
        for (const [, stage = '', ms = '0'] of line.matchAll(/(\w+) (\d+) ms/g)) {
            stages.set(stage, (stages.get(stage) ?? 0) + Number(ms));
        }
    }
    const published = logs.find((line) => / succeeded, \d+ rows/.test(line));
    if (!published?.includes(` ${rows} rows`))
        throw new Error(`The run did not publish ${rows} rows:\n${logs.join('\n')}`);
    console.log(`End to end, ${rows} rows in 3 CSV.gz parts: ${(totalMs / 1000).toFixed(1)} s`);
    for (const [stage, ms] of stages) {
        console.log(
            `  ${stage.padEnd(30)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((100 * ms) / totalMs).toFixed(0)} %`,
        );
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
