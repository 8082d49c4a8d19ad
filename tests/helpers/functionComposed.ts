import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ContainerClient } from '@azure/storage-blob';

import { readFolderManifest } from '../../src/focus/folderManifest';
import { TERMINAL } from '../../src/pipeline/ports';
import { uploadFolder } from './azuriteStorage';
import { createWorld, deliverManifest, drainParts, newWorker, readBlob, World } from './functionHost';
import { publishedSums, ScenarioRun } from './functionScenario';
import { writeLegacyRun, WrittenLegacyRun } from './legacyExports';

// The composed-folder variant of the handler-level fault injection: a billing account's legacy amortized cost run M
// is published; then actual cost run after actual cost run of the same month composes with it (M's files as they
// are, plus the actual run's commitment purchases in one file), each under a fault.

const SCOPE = 'providers/microsoft.billing/billingaccounts/7654321';
const FOLDER = `Costs/2026/09/${SCOPE}`;

export type LegacyRun = ScenarioRun & WrittenLegacyRun;

async function legacy(msexports: ContainerClient, type: 'ActualCost' | 'AmortizedCost', n: number): Promise<LegacyRun> {
    const runId = `${type === 'ActualCost' ? 'e' : 'f'}000000${n % 10}-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const root = mkdtempSync(join(tmpdir(), 'hub-legacy-'));
    const written = writeLegacyRun(root, {
        type,
        agreement: 'MCA',
        dataVersion: '2023-12-01-preview',
        scope: `/${SCOPE}`,
        month: '2026-09',
        runId,
        submittedTime: new Date(Date.parse('2026-10-02T00:00:00Z') + n * 60_000).toISOString(),
        ai: true,
    });
    await uploadFolder(msexports, root).finally(() => rmSync(root, { recursive: true, force: true }));
    return { ...written, runId, scope: SCOPE, manifest: written.manifestName };
}

/** A world where amortized run M is published in the billing account. */
export async function composedWorld(
    connectionString: string,
    msexports: ContainerClient,
): Promise<{ world: World; amortized: LegacyRun }> {
    const world = await createWorld(connectionString, msexports);
    const amortized = await legacy(msexports, 'AmortizedCost', 0);
    const setup = newWorker(world, 'setup');
    await deliverManifest(setup, amortized.manifest);
    await drainParts(setup);
    return { world, amortized };
}

/** The n-th actual cost run of the month, landed in the exports. */
export const actualRun = (msexports: ContainerClient, n: number): Promise<LegacyRun> =>
    legacy(msexports, 'ActualCost', n);

/**
 * After quiescence: the Costs folder composes M's files and `actual`'s purchases (and names both), costs are exact
 * (BilledCost: the actual run's, EffectiveCost: the amortized run's), every run ended, no staging or lease left,
 * and no reader saw anything but a folder exactly as its manifest lists it.
 */
export async function assertComposed(world: World, actual: LegacyRun, amortized: LegacyRun): Promise<void> {
    expect(world.views.report()).toEqual([]);
    const name = `${FOLDER}/manifest.json`;
    const manifest = readFolderManifest((await readBlob(world.ingestionClient, name)) ?? '', name);
    expect([manifest.runId, manifest.files.map((file) => file.name).sort()]).toEqual([
        actual.runId,
        [`${actual.runId}__commitments.parquet`, `${amortized.runId}__part_0_0001.parquet`],
    ]);
    expect(manifest.sources?.map((source) => source.runId)).toEqual([actual.runId, amortized.runId]);
    const runs = await world.stores.runs.listRuns();
    expect(runs.filter((run) => !TERMINAL.includes(run.status))).toEqual([]);
    expect(runs.find((run) => run.runId === actual.runId)?.status).toBe('succeeded');
    const staged: string[] = [];
    for await (const blob of world.ingestionClient.listBlobsFlat({ prefix: '_staging/' })) staged.push(blob.name);
    expect(staged).toEqual([]);
    expect(await world.stores.runs.listLeases()).toEqual([]);
    const sums = await publishedSums(world, SCOPE, '2026/09');
    expect([sums.costs, sums.effective]).toEqual([actual.cost, amortized.cost]);
}
