import { randomUUID } from 'node:crypto';

import { ensureError } from '../errors';
import { AI_TELEMETRY } from '../focus/datasets/aiTelemetry/aiTelemetryDataset';
import { CAPACITY_DATASETS } from '../focus/datasets/capacity/capacityDatasets';
import { downloadCapacityInputs } from '../focus/datasets/capacity/capacityInputs';
import { computeCapacity } from '../focus/datasets/capacity/computeCapacity';
import { datasetOfRun } from '../focus/datasets/registry';
import { claimFolder, retiredPrefix, stagedFolder } from '../focus/layout';
import { listPublished } from '../focus/published/listPublished';
import { PublishedFolder } from '../focus/published/publishedFolder';
import { finishSwap } from './finishSwap';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { acquireLease, HeldLease, leaseName } from './publishLease';
import { sourceOf } from './release';
import { writeStagedManifest } from './stageRelease';

/**
 * After a run of a dataset that feeds them (AITelemetry, Costs) published a month, recomputes AIDeployments,
 * AITokenUsage, AIProvisioned and CostAllocation of every telemetry scope published for that month (the run's own scope
 * for a telemetry run) and swaps them in under their own lease (`AIDeployments/{yyyy-mm}`), exactly as a run swaps its
 * folders. They are published under the id of the run that caused the refresh, in the telemetry scope's folder. The
 * run has succeeded already: a failure is logged, and the sweep (refreshStaleCapacity, which names the telemetry scope
 * in `telemetryScope`) or the next publish of that month computes them again. Like
 * refreshInsights, each refresh stages into its own publish attempt (`claim`), every move is fenced by the lease, and
 * once the swap has begun nothing here removes a folder: a swap left half done is the next lease holder's to finish.
 */
export async function refreshCapacity(run: RunRecord, deps: PipelineDeps, telemetryScope?: string): Promise<void> {
    if (!datasetOfRun(run).capacity) return;
    const scope = telemetryScope ?? (run.dataset === AI_TELEMETRY ? run.scope : undefined);
    let folders: PublishedFolder[];
    try {
        folders = await listPublished(deps.ingestion, AI_TELEMETRY, { scope, months: [run.month] });
    } catch (error) {
        deps.log(`Capacity ${run.month} not refreshed: ${ensureError(error).message}`);
        return;
    }
    for (const telemetry of folders) await refreshScope(run, telemetry, deps);
}

async function refreshScope(trigger: RunRecord, telemetry: PublishedFolder, deps: PipelineDeps): Promise<void> {
    const [first] = CAPACITY_DATASETS;
    const where = `Capacity ${telemetry.scope} ${telemetry.month}`;
    const claim = randomUUID();
    let owner: RunRecord | undefined;
    let swapping = false;
    // Held while this refresh stages into its own folders: released if that fails, so the next publish need not wait.
    let staging: HeldLease | undefined;
    try {
        owner = await ownerRun(trigger, telemetry, deps);
        const lease = await acquireLease(leaseName(first, owner.month), { ...owner, claim }, deps);
        if (lease === 'busy') {
            deps.log(`${where}: another run is publishing it; left to the next publish.`);
            return;
        }
        await finishSwap(lease, deps);
        staging = lease;
        const summary = await stageCapacity(owner, claim, telemetry, deps);
        swapping = true;
        staging = undefined;
        const retired = retiredPrefix(owner, new Date(deps.clock()));
        await publishDatasets(owner, { claim, dataset: first, phase: 'children', retired }, lease, deps);
        await lease.release();
        await deps.ingestion.deleteFolder(claimFolder(owner, claim));
        deps.log(`${where}: ${summary}.`);
    } catch (error) {
        deps.log(`${where} not refreshed: ${ensureError(error).message}`);
        const staged = owner;
        if (staged && !swapping) await deps.ingestion.deleteFolder(claimFolder(staged, claim)).catch(() => undefined);
        await staging?.release().catch(() => undefined);
    }
}

/**
 * The run the refreshed folders are published by: the telemetry run itself, or, when a Costs run caused the refresh,
 * a record of that run in the telemetry scope (recorded as succeeded, so a lease naming it can always be finished).
 */
async function ownerRun(trigger: RunRecord, telemetry: PublishedFolder, deps: PipelineDeps): Promise<RunRecord> {
    if (trigger.scope === telemetry.scope && trigger.runId === telemetry.runId) return trigger;
    const owner: RunRecord = {
        runId: trigger.runId,
        scope: telemetry.scope,
        manifest: trigger.manifest,
        dataset: CAPACITY_DATASETS[0],
        exportType: 'Capacity',
        dataVersion: '1',
        month: telemetry.month,
        submittedTime: trigger.submittedTime,
        status: 'succeeded',
        partCount: 0,
        startedAt: nowIso(deps),
        finishedAt: nowIso(deps),
    };
    const created = await deps.runs.createRun(owner);
    return created.created ? owner : created.existing.value;
}

/** Computes the four datasets into the owner's staged folders, each with its manifest.json. */
async function stageCapacity(
    owner: RunRecord,
    claim: string,
    telemetry: PublishedFolder,
    deps: PipelineDeps,
): Promise<string> {
    return deps.workspace.withScratch(async (dir) => {
        const capacityRun = {
            scope: telemetry.scope,
            month: telemetry.month,
            runId: telemetry.runId,
            snapshotTime: telemetry.submittedTime ?? nowIso(deps),
        };
        const inputs = await downloadCapacityInputs(deps.ingestion, capacityRun, dir);
        const outputs = await deps.workspace.withDuckDb((connection) =>
            computeCapacity(connection, capacityRun, inputs, dir, owner.runId),
        );
        for (const dataset of CAPACITY_DATASETS) {
            const { path, name, totals } = outputs[dataset];
            await deps.ingestion.upload(path, `${stagedFolder(owner, claim, dataset)}/${name}`);
            const files = [{ name, totals, source: sourceOf(owner) }];
            await writeStagedManifest(owner, claim, dataset, files, [sourceOf(owner)], deps);
        }
        return CAPACITY_DATASETS.map((dataset) => `${dataset} ${outputs[dataset].totals.rows} rows`).join(', ');
    });
}
