import { ensureError, TransientError } from '../errors';
import { AI_ACCOUNT_COSTS } from '../focus/datasets/aiAccountCosts/aiAccountCostsDataset';
import { AI_TELEMETRY } from '../focus/datasets/aiTelemetry/aiTelemetryDataset';
import { CAPACITY_DATASETS } from '../focus/datasets/capacity/capacityDatasets';
import { downloadCapacityInputs } from '../focus/datasets/capacity/capacityInputs';
import { computeCapacity } from '../focus/datasets/capacity/computeCapacity';
import { datasetOfRun } from '../focus/datasets/registry';
import { stagedFolder } from '../focus/layout';
import { listPublished } from '../focus/published/listPublished';
import { PublishedFolder } from '../focus/published/publishedFolder';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { refreshUnderLease } from './refreshUnderLease';
import { sourceOf } from './release';
import { writeStagedManifest } from './stageRelease';

/**
 * After a run of a dataset that feeds them (AITelemetry, Costs) published a month, recomputes AIDeployments,
 * AITokenUsage, AIProvisioned and CostAllocation of every telemetry scope published for that month (the run's own scope
 * for a telemetry run) and swaps them in under their own lease (`AIDeployments/{yyyy-mm}`), exactly as a run swaps its
 * folders. They are published under the id of the run that caused the refresh, in the telemetry scope's folder. The
 * run has succeeded already: a failure is logged, and the sweep (refreshStaleCapacity, which names the telemetry scope
 * in `telemetryScope`) or the next publish of that month computes them again. Published as the insights are
 * (refreshUnderLease: its own publish attempt, every move fenced by the lease).
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
    const where = `Capacity ${telemetry.scope} ${telemetry.month}`;
    let owner: RunRecord;
    try {
        owner = await ownerRun(trigger, telemetry, deps);
    } catch (error) {
        deps.log(`${where} not refreshed: ${ensureError(error).message}`);
        return;
    }
    await refreshUnderLease(
        owner,
        {
            datasets: CAPACITY_DATASETS,
            where,
            busy: 'another run is publishing it; left to the next publish.',
            stage: (claim) => stageCapacity(owner, claim, telemetry, deps),
            published: (summary) => Promise.resolve(deps.log(`${where}: ${summary}.`)),
        },
        deps,
    );
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
        // Read between two looks at the inputs' publishing: a folder read while a run swapped it (retired, not yet
        // installed) would be read as empty, and the capacity published from it would look newer than that run.
        const before = await inputsState(telemetry.month, deps);
        const inputs = await downloadCapacityInputs(deps.ingestion, capacityRun, dir);
        const after = await inputsState(telemetry.month, deps);
        if (before === undefined || before !== after) {
            throw new TransientError(
                'PublishBusy',
                `${AI_ACCOUNT_COSTS} or ${AI_TELEMETRY} of ${telemetry.month} was being published while it was read; ` +
                    'the next publish or sweep computes capacity again.',
            );
        }
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

/**
 * What the capacity inputs of `month` are (every publication of AIAccountCosts and AITelemetry), or undefined while a
 * swap of one of their folders is in progress.
 */
async function inputsState(month: string, deps: PipelineDeps): Promise<string | undefined> {
    const inputs = [AI_ACCOUNT_COSTS, AI_TELEMETRY];
    const swapping = (await deps.runs.listLeases()).some(
        ({ value: lease }) =>
            lease.swap !== undefined && inputs.includes(lease.swap.dataset) && lease.name.endsWith(`/${month}`),
    );
    if (swapping) return undefined;
    const publications = (await Promise.all(inputs.map((dataset) => deps.runs.listPublications(dataset)))).flat();
    return publications
        .filter((p) => p.month === month)
        .map((p) => `${p.dataset} ${p.scope} ${p.runId} ${p.publishedAt}`)
        .sort()
        .join('\n');
}
