import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ContainerClient } from '@azure/storage-blob';
import { quotedString } from '@duckdb/node-api';

import { decimalSum } from '../../src/focus/decimalSum';
import { readFolderManifest } from '../../src/focus/folderManifest';
import { stagingRoot } from '../../src/focus/layout';
import { PartRecord, RunRecord, TERMINAL } from '../../src/pipeline/ports';
import { aiRow, METERS } from './aiCostRows';
import { uploadFolder } from './azuriteStorage';
import { writeExport } from './exportTree';
import { FaultPlan, ProcessDeath } from './faultInjection';
import { createWorld, deliverManifest, drainParts, newWorker, readBlob, World } from './functionHost';
import { rowsOf, withConnection } from './withConnection';

// The publish scenario of the handler-level fault injection, as a chain: a billing account whose run A is published,
// with a billing profile nested inside it whose run Q is published, then run after run B1, B2, … of the billing
// account replaces the one before, each under a fault. Every B has the same rows (so the same exact totals) and two
// parts, one with AI token rows.

export const PARENT = 'providers/microsoft.billing/billingaccounts/7700001';
export const CHILD = `${PARENT}/billingprofiles/prof-1`;
const MONTH = '2026-10';

const row = (cost: string) => ({ BilledCost: cost, EffectiveCost: cost });
const gpt = aiRow('gpt', METERS.gpt41Input, { day: 6, units: '2000000', price: '0.002' });
/** B's rows, in two parts or in one. */
const B_PARTS = {
    2: [[row('10.000000000000000001'), gpt], [row('-0.333333333333333333')]],
    1: [[row('10.000000000000000001'), gpt, row('-0.333333333333333333')]],
};

/** Exact BilledCost (= EffectiveCost) of every B, and of its AI rows. */
export const B_TOTALS = {
    costs: decimalSum(['10.000000000000000001', gpt.BilledCost ?? '', '-0.333333333333333333']),
    ai: decimalSum([gpt.EffectiveCost ?? '']),
};

export interface ScenarioRun {
    runId: string;
    scope: string;
    manifest: string;
}

const runId = (letter: string, n: number) => `${letter.repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

let uploads = 0;

/** Writes one run's export and uploads it to the exports container; returns its manifest name. */
async function land(msexports: ContainerClient, spec: Parameters<typeof writeExport>[1]): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), `hub-chain-${++uploads}-`));
    try {
        const manifest = writeExport(root, spec);
        await uploadFolder(msexports, root);
        return manifest;
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}

const bSpec = (n: number, parts: 1 | 2 = 2) => ({
    runId: runId('b', n),
    submittedTime: new Date(Date.parse('2026-10-06T00:00:00Z') + n * 60_000).toISOString(),
    month: MONTH,
    scope: `/${PARENT}`,
    folder: `ba/daily/b${n}`,
    gzip: true,
    parts: B_PARTS[parts],
});

/** The n-th run B of the billing account (submitted a minute after the one before), landed in the exports. */
export async function runB(msexports: ContainerClient, n: number, parts: 1 | 2 = 2): Promise<ScenarioRun> {
    const manifest = await land(msexports, bSpec(n, parts));
    return { runId: runId('b', n), scope: PARENT, manifest };
}

/** A world where A and Q are published (insights included), for a chain of B runs. */
export async function seededWorld(
    connectionString: string,
    msexports: ContainerClient,
): Promise<{ world: World; q: ScenarioRun }> {
    const world = await createWorld(connectionString, msexports);
    const setup = newWorker(world, 'setup');
    const runs = [
        { run: runId('a', 1), scope: PARENT, folder: 'ba/daily/a', hour: 1 },
        { run: runId('c', 1), scope: CHILD, folder: 'bp/daily/q', hour: 2 },
    ];
    for (const { run, scope, folder, hour } of runs) {
        const spec = { runId: run, month: MONTH, scope: `/${scope}`, folder, parts: [[row('1.5'), gpt]] };
        const manifest = await land(msexports, { ...spec, submittedTime: `2026-10-05T0${hour}:00:00Z` });
        await deliverManifest(setup, manifest);
        await drainParts(setup);
    }
    return { world, q: { runId: runId('c', 1), scope: CHILD, manifest: 'bp/daily/q/manifest.json' } };
}

/** A run B0 with every part converted and nothing published, in a world of its own: what replayConverted copies. */
export interface Template {
    world: World;
    run: RunRecord;
    parts: PartRecord[];
}

/** Converts B0 through the handlers and stops the worker as its publish begins. */
export async function convertedTemplate(connectionString: string, msexports: ContainerClient): Promise<Template> {
    const world = await createWorld(connectionString, msexports);
    const b0 = await runB(msexports, 0);
    const stop = new FaultPlan(Number.POSITIVE_INFINITY, 'die', (call) => {
        if (!call.startsWith('runs.getLease')) return;
        stop.dead = true;
        throw new ProcessDeath('stopped before publishing');
    });
    const worker = newWorker(world, 'template', stop);
    await deliverManifest(worker, b0.manifest);
    await drainParts(worker);
    const run = (await world.stores.runs.getRun(b0))?.value;
    if (!run) throw new Error('template run not recorded');
    return { world, run, parts: await world.stores.runs.listParts(b0) };
}

/**
 * Gives `world` run Bn in the state the template's B0 is in (every part converted, the run `running`): its converted
 * files copied under its own names, its run and part records, and its last part's message queued, as the host would
 * redeliver it. The expensive part of a run, converting, is done once for every point that starts from here.
 */
export async function replayConverted(template: Template, world: World, n: number): Promise<ScenarioRun> {
    const spec = bSpec(n);
    const rename = (text: string) => text.replaceAll(template.run.runId, spec.runId).replaceAll('/b0/', `/b${n}/`);
    const [from, to] = [stagingRoot(template.run), stagingRoot({ scope: PARENT, runId: spec.runId })];
    for await (const blob of template.world.ingestionClient.listBlobsFlat({ prefix: `${from}/` })) {
        const source = template.world.ingestionClient.getBlockBlobClient(blob.name);
        const target = world.ingestionClient.getBlockBlobClient(rename(blob.name.replace(from, to)));
        await (await target.beginCopyFromURL(source.url)).pollUntilDone();
    }
    const now = new Date(Date.now() + world.offset).toISOString();
    const run: RunRecord = {
        ...template.run,
        runId: spec.runId,
        manifest: rename(template.run.manifest),
        submittedTime: spec.submittedTime,
        startedAt: now,
        heartbeatAt: now,
    };
    await world.stores.runs.createRun(run);
    for (const part of template.parts) {
        const renamed = { ...part, runId: spec.runId, blobName: rename(part.blobName) };
        await world.stores.runs.putPart({ ...renamed, outputName: rename(part.outputName), finishedAt: now });
    }
    await world.stores.queue.enqueue([{ scope: PARENT, runId: spec.runId, index: template.parts.length - 1 }]);
    return { runId: spec.runId, scope: PARENT, manifest: run.manifest };
}

const folder = (dataset: string, scope: string, month = '2026/10') => `${dataset}/${month}/${scope}`;

/** The run a published folder's manifest names. */
async function published(world: World, dataset: string, scope: string): Promise<string | undefined> {
    const name = `${folder(dataset, scope)}/manifest.json`;
    const text = await readBlob(world.ingestionClient, name);
    return text === undefined ? undefined : readFolderManifest(text, name).runId;
}

/**
 * The state after quiescence: `latest` published in the billing account (Costs with AIUnitEconomics and
 * AIAccountCosts, and, with insights, Anomalies and Forecasts; their publication records), Q still published in the
 * billing profile, every run ended, no staging and no lease left, exact totals, and nothing a reader should never see
 * along the way.
 */
export async function assertQuiescent(world: World, latest: ScenarioRun, q: ScenarioRun): Promise<void> {
    expect(world.views.report()).toEqual([]);
    const costs = ['Costs', 'AIUnitEconomics', 'AIAccountCosts'];
    for (const dataset of [...costs, ...(world.insights ? ['Anomalies', 'Forecasts'] : [])]) {
        expect([dataset, await published(world, dataset, PARENT)]).toEqual([dataset, latest.runId]);
        const record = await world.stores.runs.getPublication(dataset, PARENT, MONTH);
        expect([dataset, record?.value.runId]).toEqual([dataset, latest.runId]);
    }
    for (const dataset of [...costs, 'Anomalies', 'Forecasts']) {
        expect([dataset, await published(world, dataset, CHILD)]).toEqual([dataset, q.runId]);
    }
    const runs = await world.stores.runs.listRuns();
    expect(runs.filter((run) => !TERMINAL.includes(run.status))).toEqual([]);
    expect(runs.find((run) => run.runId === latest.runId)?.status).toBe('succeeded');
    const staged: string[] = [];
    for await (const blob of world.ingestionClient.listBlobsFlat({ prefix: '_staging/' })) staged.push(blob.name);
    expect(staged).toEqual([]);
    expect(await world.stores.runs.listLeases()).toEqual([]);
    expect(await publishedSums(world)).toEqual({ costs: B_TOTALS.costs, effective: B_TOTALS.costs, ai: B_TOTALS.ai });
}

/**
 * Sums already read from Parquet, by the content of the files they were read from (their Content-MD5s): replays copy
 * bytes, so most runs B publish files another B published under other names.
 */
const known = new Map<string, Record<'costs' | 'effective' | 'ai', string>>();

/**
 * Exact Σ BilledCost and Σ EffectiveCost of a scope's published Costs files and Σ EffectiveCost of its
 * AIUnitEconomics file, read with DuckDB (once per distinct set of files).
 */
export async function publishedSums(
    world: World,
    scope = PARENT,
    month = '2026/10',
): Promise<Record<'costs' | 'effective' | 'ai', string>> {
    const listed = async (dataset: string) => {
        const prefix = `${folder(dataset, scope, month)}/`;
        const files: { name: string; md5: string }[] = [];
        for await (const item of world.ingestionClient.listBlobsByHierarchy('/', { prefix })) {
            if (item.kind !== 'blob' || !item.name.endsWith('.parquet')) continue;
            const md5 = Buffer.from(item.properties.contentMD5 ?? new Uint8Array()).toString('base64');
            files.push({ name: item.name, md5 });
        }
        return files;
    };
    const files = { Costs: await listed('Costs'), AIUnitEconomics: await listed('AIUnitEconomics') };
    const key = JSON.stringify(Object.values(files).map((list) => list.map((f) => f.md5).sort()));
    const cached = known.get(key);
    if (cached && !key.includes('""')) return cached;
    const scratch = mkdtempSync(join(tmpdir(), 'hub-sums-'));
    const download = async (dataset: keyof typeof files) => {
        const dir = join(scratch, dataset);
        mkdirSync(dir);
        for (const file of files[dataset]) {
            const local = join(dir, file.name.split('/').pop() ?? '');
            await world.ingestionClient.getBlockBlobClient(file.name).downloadToFile(local);
        }
        return quotedString(join(dir, '*.parquet'));
    };
    const [sums] = await withConnection(async (connection) => {
        const [costs, ai] = [await download('Costs'), await download('AIUnitEconomics')];
        return rowsOf(
            connection,
            `select (select sum(BilledCost)::varchar from read_parquet(${costs})) as billed,
                    (select sum(EffectiveCost)::varchar from read_parquet(${costs})) as effective,
                    (select sum(EffectiveCost)::varchar from read_parquet(${ai})) as ai`,
        );
    }).finally(() => rmSync(scratch, { recursive: true, force: true }));
    const read = {
        costs: decimalSum([String(sums?.billed)]),
        effective: decimalSum([String(sums?.effective)]),
        ai: decimalSum([String(sums?.ai)]),
    };
    known.set(key, read);
    return read;
}
