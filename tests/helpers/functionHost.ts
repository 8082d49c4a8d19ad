import { AsyncLocalStorage } from 'node:async_hooks';

import { TableClient } from '@azure/data-tables';
import { InvocationContext, Timer } from '@azure/functions';
import {
    BlobServiceClient,
    ContainerClient,
    newPipeline,
    RequestPolicyFactory,
    StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';

import { ingest } from '../../functions/ingest/index';
import { ingestRetry } from '../../functions/ingestRetry/index';
import { poison } from '../../functions/poison/index';
import { sweep } from '../../functions/sweep/index';
import { transform } from '../../functions/transform/index';
import { createBlobStore } from '../../src/adapters/blobStore';
import { createQueueWorkQueue } from '../../src/adapters/queueWorkQueue';
import { createTableRunStore } from '../../src/adapters/tableRunStore';
import type { HubConfig } from '../../src/config';
import { InputError } from '../../src/errors';
import { readFolderManifest } from '../../src/focus/folderManifest';
import type { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import type { ObjectStore, RunStore, WorkQueue } from '../../src/pipeline/ports';
import { copyStorage } from './azuriteStorage';
import { FaultPlan, ProcessDeath } from './faultInjection';
import { HUB_INSIGHTS } from './hubInsights';

// The Azure Functions host, played on Azurite for the handler-level fault-injection tests. Event Grid and the host's
// queue plumbing cannot run here, so this module delivers what they would: a manifest's blob name to `ingest`, each
// parts-queue message to `transform` (deleted when the handler returns, made visible again with its dequeue count
// raised when it throws, moved to the poison queue after the 5th failed delivery), poison messages to `poison`, and
// timer ticks to `sweep`. Everything else is the product: the handlers, hubDeps, the Azure adapters over Azurite's
// blob container, table and queue, one DuckDB instance for the process, production settings.
//
// Each test point runs in a World (its own ingestion container, run table and queues) and each simulated process in
// a Worker, with its own fault plan wrapping every store and queue call and its own clock; the tests substitute
// createAzureDeps so that hubDeps hands each invocation the deps of the worker it runs in (workerDeps).

const ACCOUNT = 'devstoreaccount1';

export interface World {
    connectionString: string;
    ingestionClient: ContainerClient;
    table: TableClient;
    queue: QueueClient;
    poisonQueue: QueueClient;
    /** The blob trigger's poison queue (`webjobs-blobtrigger-poison`): manifests whose ingest failed 3 times. */
    manifestPoison: QueueClient;
    stores: { exports: ObjectStore; ingestion: ObjectStore; runs: RunStore; queue: WorkQueue };
    /** Milliseconds this world's clock runs ahead of the real one (time passing, for leases and stalls). */
    offset: number;
    /** HUB_INSIGHTS for this world's workers. */
    insights: boolean;
    /** What readers saw of published folders, checked after every change to one. */
    views: FolderViews;
    logs: string[];
    /** Manifests whose ingest died: the host's blob-trigger message comes back once its visibility lapses. */
    undelivered: string[];
    /** Serialises changes to published folders with the reader checks, so a check sees one instant. */
    mutex: Mutex;
}

export interface Worker {
    name: string;
    world: World;
    plan: FaultPlan;
    /** This worker's own clock offset; undefined: the world's (a worker that stalled stays in the past). */
    offset?: number;
}

const current = new AsyncLocalStorage<Worker>();

function worker(): Worker {
    const found = current.getStore();
    if (!found) throw new Error('hubDeps called outside a simulated worker');
    return found;
}

/**
 * The `azureDeps` module for a test file that mocks it (`jest.mock` must stay in the file, as it is hoisted there):
 * the handlers get the stores of the simulated worker they run in (workerDeps).
 */
export function azureDepsInWorkers(): typeof import('../../src/adapters/azureDeps') {
    const actual = jest.requireActual<typeof import('../../src/adapters/azureDeps')>('../../src/adapters/azureDeps');
    return { ...actual, createAzureDeps: (config: HubConfig) => workerDeps(config, actual.createAzureDeps) };
}

/**
 * What createAzureDeps returns in these tests: the real deps of `config` (settings, DuckDB workspace) whose stores,
 * queue and clock are those of the worker the current invocation runs in. hubDeps copies them per invocation; the
 * `insights` added here (the world's setting) wins over the one hubDeps builds from the app settings.
 */
export function workerDeps(
    config: HubConfig,
    create: (config: HubConfig) => Omit<PipelineDeps, 'log'>,
): Omit<PipelineDeps, 'log'> {
    const base = create(config);
    const wrapped = <K extends keyof World['stores']>(key: K) => {
        const { plan, world } = worker();
        return plan.wrap(world.stores[key], key);
    };
    return Object.defineProperties({ ...base } as Omit<PipelineDeps, 'log'>, {
        exports: { get: () => wrapped('exports'), enumerable: true },
        ingestion: { get: () => wrapped('ingestion'), enumerable: true },
        runs: { get: () => wrapped('runs'), enumerable: true },
        queue: { get: () => wrapped('queue'), enumerable: true },
        clock: {
            get: () => {
                const who = worker();
                return () => Date.now() + (who.offset ?? who.world.offset);
            },
            enumerable: true,
        },
        insights: { get: () => (worker().world.insights ? HUB_INSIGHTS : undefined), enumerable: true },
    });
}

let made = 0;

/** A fresh world: its own ingestion container, run table and parts queue; the exports container is shared. */
export async function createWorld(connectionString: string, msexports: ContainerClient): Promise<World> {
    const id = ++made;
    const views = new FolderViews();
    const mutex = createMutex();
    const checker = blobService(connectionString).getContainerClient(`ingestion${id}`);
    await checker.create();
    const observed = blobService(connectionString, [readerChecks(checker, mutex, views)]);
    const table = TableClient.fromConnectionString(connectionString, `hubruns${id}`, { allowInsecureConnection: true });
    const queue = new QueueClient(connectionString, `hub-parts${id}`);
    const poisonQueue = new QueueClient(connectionString, `hub-parts${id}-poison`);
    const manifestPoison = new QueueClient(connectionString, `webjobs-blobtrigger-poison${id}`);
    await Promise.all([queue.create(), poisonQueue.create(), manifestPoison.create()]);
    return {
        connectionString,
        ingestionClient: checker,
        table,
        queue,
        poisonQueue,
        manifestPoison,
        stores: {
            exports: createBlobStore(msexports),
            ingestion: createBlobStore(observed.getContainerClient(checker.containerName)),
            runs: createTableRunStore(table),
            queue: createQueueWorkQueue(queue),
        },
        offset: 0,
        insights: true,
        views,
        logs: [],
        undelivered: [],
        mutex,
    };
}

/** A new world holding what `seed` holds now: its ingestion container's blobs and its run table. */
export async function cloneWorld(seed: World, msexports: ContainerClient): Promise<World> {
    const world = await createWorld(seed.connectionString, msexports);
    await world.table.createTable();
    await copyStorage(
        { container: seed.ingestionClient, table: seed.table },
        { container: world.ingestionClient, table: world.table },
    );
    world.offset = seed.offset;
    world.insights = seed.insights;
    return world;
}

export function newWorker(world: World, name: string, plan = new FaultPlan()): Worker {
    return { name, world, plan };
}

/** Runs `work` as `who`: every hubDeps inside it gets that worker's stores, faults and clock. */
export const as = <T>(who: Worker, work: () => Promise<T>): Promise<T> => current.run(who, work);

const context = (who: Worker, functionName: string, triggerMetadata: Record<string, unknown> = {}) =>
    new InvocationContext({
        functionName,
        triggerMetadata,
        logHandler: (_level, ...args) => who.world.logs.push(`${who.name}: ${args.join(' ')}`),
    });

/** Whether an invocation's failure was the simulated process dying (then the process stops taking work). */
const died = (error: unknown): boolean =>
    error instanceof ProcessDeath || (error instanceof Error && error.cause !== undefined && died(error.cause));

/**
 * Event Grid delivering a manifest: retried like the blob trigger (3 tries). False when the worker died: the host's
 * message comes back later (recover delivers it again).
 */
export async function deliverManifest(who: Worker, manifest: string): Promise<boolean> {
    for (let attempt = 1; attempt <= 3; attempt++) {
        try {
            await as(who, () => ingest(Buffer.from(''), context(who, 'ingest', { name: manifest })));
            return true;
        } catch (error) {
            if (!died(error)) continue;
            who.world.undelivered.push(manifest);
            return false;
        }
    }
    // host.json poisonBlobThreshold 3: the host writes the blob's poison message.
    const poison = {
        Type: 'BlobTrigger',
        FunctionId: 'Host.Functions.ingest',
        ContainerName: 'msexports',
        BlobName: manifest,
    };
    await who.world.manifestPoison.sendMessage(JSON.stringify(poison));
    return true;
}

/**
 * The host running `ingestRetry` on the blob trigger's poison queue until it is empty: a message is deleted when the
 * handler returns, made visible again when it throws, and dropped (to its own poison queue) after the 5th delivery.
 */
export async function drainManifestPoison(who: Worker): Promise<void> {
    const queue = who.world.manifestPoison;
    for (;;) {
        const { receivedMessageItems: items } = await queue.receiveMessages({ numberOfMessages: 1 });
        const [taken] = items;
        if (!taken) return;
        const body: unknown = JSON.parse(taken.messageText);
        try {
            await as(who, () => ingestRetry(body, context(who, 'ingestRetry', { dequeueCount: taken.dequeueCount })));
            await queue.deleteMessage(taken.messageId, taken.popReceipt);
        } catch (error) {
            // A dead process's message comes back once its visibility lapses.
            if (taken.dequeueCount >= 5 && !died(error)) await queue.deleteMessage(taken.messageId, taken.popReceipt);
            else await queue.updateMessage(taken.messageId, taken.popReceipt, undefined, 0);
            if (died(error)) return;
        }
    }
}

/**
 * The host running `transform` on the parts queue until it is empty (or the worker dies): each message is deleted
 * when the handler returns and made visible again when it throws (moved to the poison queue on the 5th delivery).
 * `order` picks which of the visible messages goes first.
 */
export async function drainParts(who: Worker, order: 'first' | 'last' = 'first'): Promise<boolean> {
    const { queue, poisonQueue } = who.world;
    for (;;) {
        const { receivedMessageItems: items } = await queue.receiveMessages({
            numberOfMessages: 32,
            visibilityTimeout: 300,
        });
        if (items.length === 0) return true;
        const [taken, ...rest] = order === 'first' ? items : [...items].reverse();
        await Promise.all(rest.map((m) => queue.updateMessage(m.messageId, m.popReceipt, undefined, 0)));
        if (!taken) return true;
        const body: unknown = JSON.parse(Buffer.from(taken.messageText, 'base64').toString('utf8'));
        try {
            await as(who, () => transform(body, context(who, 'transform', { dequeueCount: taken.dequeueCount })));
            await queue.deleteMessage(taken.messageId, taken.popReceipt);
        } catch (error) {
            if (taken.dequeueCount >= 5 && !died(error)) {
                await poisonQueue.sendMessage(taken.messageText);
                await queue.deleteMessage(taken.messageId, taken.popReceipt);
            } else {
                // A failed invocation is retried; a dead process's message comes back once its visibility lapses.
                await queue.updateMessage(taken.messageId, taken.popReceipt, undefined, 0);
            }
            if (died(error)) return false;
        }
    }
}

/** The host running `poison` on every poison message. */
export async function drainPoison(who: Worker): Promise<void> {
    const { poisonQueue } = who.world;
    for (;;) {
        const { receivedMessageItems: items } = await poisonQueue.receiveMessages({ numberOfMessages: 32 });
        if (items.length === 0) return;
        for (const item of items) {
            const body: unknown = JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8'));
            await as(who, () => poison(body, context(who, 'poison'))).catch(() => undefined);
            await poisonQueue.deleteMessage(item.messageId, item.popReceipt);
        }
    }
}

/** One tick of the sweep timer. */
export async function tick(who: Worker): Promise<void> {
    await as(who, () => sweep({ isPastDue: false } as Timer, context(who, 'sweep'))).catch(() => undefined);
}

/**
 * What happens after a fault, with no further faults: time passes (an hour per round, past every lease and the stale
 * deadline), the host delivers again the manifests whose ingest died, retries what is queued, delivers poison
 * messages, and the timer sweeps, until nothing is left to do. Resolves to the number of rounds it took.
 */
export async function recover(world: World, rounds = 6): Promise<number> {
    const healer = newWorker(world, 'recovery');
    for (let round = 1; round <= rounds; round++) {
        world.offset += 3_600_000;
        for (const manifest of world.undelivered.splice(0)) await deliverManifest(healer, manifest);
        await drainManifestPoison(healer);
        await drainParts(healer);
        await drainPoison(healer);
        await tick(healer);
        await drainParts(healer);
        const open = await world.stores.runs.listRuns(['running', 'publishing']);
        const leases = await world.stores.runs.listLeases();
        const { peekedMessageItems } = await world.queue.peekMessages();
        const idle = peekedMessageItems.length === 0 && world.undelivered.length === 0;
        if (open.length === 0 && leases.length === 0 && idle) return round;
    }
    throw new Error(`not quiescent after ${rounds} rounds:\n${world.logs.slice(-30).join('\n')}`);
}

/** A blob's text, read as the hub reads it (createBlobStore), or undefined when there is no such blob. */
export async function readBlob(container: ContainerClient, name: string): Promise<string | undefined> {
    try {
        return await createBlobStore(container).readText(name);
    } catch (error) {
        if (error instanceof InputError && error.code === 'PartMissing') return undefined;
        throw error;
    }
}

function blobService(connectionString: string, policies: RequestPolicyFactory[] = []): BlobServiceClient {
    const key = /AccountKey=([^;]+)/.exec(connectionString)?.[1] ?? '';
    const endpoint = /BlobEndpoint=([^;]+)/.exec(connectionString)?.[1] ?? '';
    const pipeline = newPipeline(new StorageSharedKeyCredential(ACCOUNT, key));
    pipeline.factories.unshift(...policies);
    return new BlobServiceClient(endpoint, pipeline);
}

/**
 * A request policy that checks, after every change to a published folder (a blob written into or deleted from
 * `{Dataset}/{yyyy}/{mm}/{scope}/`), what a reader of that folder sees at that instant (see FolderViews).
 */
function readerChecks(checker: ContainerClient, mutex: Mutex, views: FolderViews): RequestPolicyFactory {
    const prefix = `/${ACCOUNT}/${checker.containerName}/`;
    return {
        create: (next) => ({
            async sendRequest(request) {
                const path = decodeURIComponent(new URL(request.url).pathname);
                const mutates =
                    (request.method === 'PUT' && !/[?&]comp=block(&|$)/.test(request.url)) ||
                    request.method === 'DELETE';
                const name = path.startsWith(prefix) ? path.slice(prefix.length) : '';
                const folder = name.slice(0, name.lastIndexOf('/'));
                if (!mutates || !/^[A-Z][A-Za-z]*\/\d{4}\/\d{2}\/.+/.test(folder) || folder.startsWith('Reports/')) {
                    return next.sendRequest(request);
                }
                return mutex(async () => {
                    if (!views.knows(folder)) await views.look(checker, folder, `before ${request.method} ${name}`);
                    const response = await next.sendRequest(request);
                    if (response.status < 300) await views.look(checker, folder, `${request.method} ${name}`);
                    return response;
                });
            },
        }),
    };
}

/**
 * What readers of published folders have seen. With a manifest.json, a folder must hold exactly the Parquet files it
 * lists, each of a run it names. Without one (a folder moving blob by blob on the emulator), its files must all be
 * of the folder moving out (those of the manifest seen before) or all of the folder moving in (those of the manifest
 * that then appears): never a mix. `problems` lists what no reader may see.
 */
export class FolderViews {
    readonly problems: string[] = [];
    private readonly folders = new Map<string, { listed?: string[]; between: { what: string; files: string[] }[] }>();
    /** Manifest texts read, by Content-MD5: most changes to a folder leave its manifest as it was. */
    private readonly manifests = new Map<string, string>();

    knows(folder: string): boolean {
        return this.folders.has(folder);
    }

    async look(container: ContainerClient, folder: string, what: string): Promise<void> {
        const names: string[] = [];
        let md5 = '';
        for await (const item of container.listBlobsByHierarchy('/', { prefix: `${folder}/` })) {
            if (item.kind !== 'blob') continue;
            names.push(item.name.slice(folder.length + 1));
            if (item.name === `${folder}/manifest.json`) {
                md5 = Buffer.from(item.properties.contentMD5 ?? new Uint8Array()).toString('base64');
            }
        }
        const files = names.filter((name) => name.endsWith('.parquet')).sort();
        const seen = this.folders.get(folder) ?? { between: [] };
        this.folders.set(folder, seen);
        if (!names.includes('manifest.json')) {
            const leaving = seen.listed && files.every((file) => seen.listed?.includes(file));
            if (!leaving) seen.between.push({ what, files });
            return;
        }
        const text = this.manifests.get(md5) ?? (await readBlob(container, `${folder}/manifest.json`));
        if (text === undefined) throw new Error(`${folder}/manifest.json was listed, then was gone`);
        if (md5) this.manifests.set(md5, text);
        const manifest = readFolderManifest(text, folder);
        const listed = manifest.files.map((file) => file.name).sort();
        const sources = new Set((manifest.sources ?? []).map((source) => source.runId));
        if (listed.join() !== files.join()) {
            this.problems.push(`${what}: manifest lists ${listed.join(', ')}; folder holds ${files.join(', ')}`);
        } else if (files.some((file) => !sources.has(file.split('__')[0] ?? ''))) {
            this.problems.push(`${what}: files of runs the manifest does not name: ${files.join(', ')}`);
        }
        for (const state of seen.between.splice(0)) {
            if (state.files.some((file) => !listed.includes(file))) {
                this.problems.push(`${state.what}: no manifest, and files of two folders: ${state.files.join(', ')}`);
            }
        }
        seen.listed = listed;
    }

    /** What is wrong so far, including folders seen without a manifest that never got one. */
    report(): string[] {
        const open = [...this.folders].flatMap(([folder, seen]) =>
            seen.between
                .filter((state) => state.files.length > 0)
                .map((s) => `${s.what}: ${folder} left without a manifest`),
        );
        return [...this.problems, ...open];
    }
}

type Mutex = <T>(work: () => Promise<T>) => Promise<T>;

function createMutex(): Mutex {
    let tail: Promise<unknown> = Promise.resolve();
    return (work) => {
        const next = tail.then(work);
        tail = next.catch(() => undefined);
        return next;
    };
}
