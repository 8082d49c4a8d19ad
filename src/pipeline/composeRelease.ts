import { join } from 'node:path';

import type { FolderComposition, HubDataset, KeptRows } from '../focus/datasets/hubDataset';
import { claimFolder, convertedFolder, datasetFolder, stagedFolder } from '../focus/layout';
import { mergeChanges, sumTotals, type Totals } from '../focus/totals';
import { PipelineDeps } from './pipelineDeps';
import { PartRecord, PublishedSource, RunRecord } from './ports';
import { readPublishedFolder } from './readPublishedFolder';
import { ownRelease, Release, ReleaseFile, sourceOf } from './release';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Decides what a run of a composing dataset publishes (docs/legacy-costs.md "Actual and amortized together") and stages
 * it, from the run's converted parts and the folder as published now (read under the dataset-month lease):
 *
 * - a run alone (no run of the other type published): all its parts;
 * - beside the other type's run: the base (amortized) run's files, each as it is unless it holds rows `keep` leaves
 *   out (commitment purchases and refunds), then filtered; and the supplement (actual) run's kept rows (its commitment
 *   purchases and refunds) in one `{actualRunId}__commitments.parquet`, whichever of the two runs is publishing.
 *
 * Anything else published there (another export type, an older run of the same type) is replaced. A filtered file's
 * totals keep its export's input and add what was left out, so the folder still reconciles with both exports.
 * Derived datasets get a partial per staged file: the run's own when a part is staged whole, computed otherwise.
 * `attempt` is the publish attempt: its claim, and its lease's keepAlive, called before each file is staged or read.
 */
export async function composeRelease(
    run: RunRecord,
    parts: PartRecord[],
    dataset: HubDataset,
    composition: FolderComposition,
    { claim, keepAlive }: { claim: string; keepAlive: () => Promise<void> },
    deps: PipelineDeps,
): Promise<Release> {
    const staged = stagedFolder(run, claim, dataset.name);
    const published = await readPublishedFolder(deps.ingestion, datasetFolder(dataset.name, run.month, run.scope));
    const isBase = same(run.exportType, composition.base);
    const partnerType = isBase ? composition.supplement : composition.base;
    const partnerSources = published.sources.filter((s) => same(s.exportType, partnerType) && s.runId !== run.runId);
    const partnerFiles = published.files.filter((f) => partnerSources.some((s) => s.runId === f.source.runId));
    const own = ownRelease(run, parts, dataset);
    const release: Release = {
        files: [],
        sources: [sourceOf(run), ...partnerSources],
        partials: Object.fromEntries(dataset.derived.map((derived) => [derived.name, []])),
    };
    const context = { run, dataset, composition, claim, keepAlive, release, deps };
    const converted = convertedFolder(run, dataset.name);
    if (partnerSources.length === 0) {
        for (const file of own.files) {
            await keepAlive();
            await deps.ingestion.copy(`${converted}/${file.name}`, `${staged}/${file.name}`);
        }
        release.files.push(...own.files);
        for (const derived of dataset.derived)
            release.partials[derived.name]?.push(...(own.partials[derived.name] ?? []));
    } else if (isBase) {
        for (const [i, file] of own.files.entries()) {
            const partials = dataset.derived.map((derived) => own.partials[derived.name]?.[i] ?? '');
            await stageBaseFile(context, file, converted, partials);
        }
        for (const source of partnerSources) {
            const files = partnerFiles.filter((f) => f.source.runId === source.runId);
            await stageSupplement(context, source, files, published.folder);
        }
    } else {
        for (const file of partnerFiles) await stageBaseFile(context, file, published.folder);
        await stageSupplement(context, sourceOf(run), own.files, converted);
    }
    return release;
}

/** What a composed folder is built for: the run, its dataset and composition, and the publish attempt staging it. */
interface Context {
    run: RunRecord;
    dataset: HubDataset;
    composition: FolderComposition;
    claim: string;
    keepAlive: () => Promise<void>;
    release: Release;
    deps: PipelineDeps;
}

/**
 * Stages one base file (in `folder`) beside a supplement run: copied as it is, with its `partials` when the run
 * converted it (else computed from a downloaded copy), unless it holds rows the composition leaves out: then filtered.
 */
async function stageBaseFile(context: Context, file: ReleaseFile, folder: string, partials?: string[]): Promise<void> {
    const { run, dataset, composition, claim, release, deps } = context;
    const target = `${stagedFolder(run, claim, dataset.name)}/${file.name}`;
    if (!composition.baseLeavesOut(file.totals)) {
        await context.keepAlive();
        await deps.ingestion.copy(`${folder}/${file.name}`, target);
        release.files.push(file);
        if (partials) dataset.derived.forEach((derived, i) => release.partials[derived.name]?.push(partials[i] ?? ''));
        else await withDownloads(context, folder, [file], (local) => storePartials(context, file.name, local[0] ?? ''));
        return;
    }
    await withDownloads(context, folder, [file], async (local, dir) => {
        const kept = join(dir, file.name);
        const result = await deps.workspace.withDuckDb((c) => composition.keep(c, composition.base, local, kept));
        await deps.ingestion.upload(kept, target);
        await storePartials(context, file.name, kept);
        release.files.push({ ...file, totals: keptTotals([file], result) });
    });
}

/** Filters a supplement run's Costs files (in `folder`) into its one kept file, staged with its partials. */
async function stageSupplement(
    context: Context,
    source: PublishedSource,
    files: ReleaseFile[],
    folder: string,
): Promise<void> {
    const { run, dataset, composition, claim, release, deps } = context;
    if (files.length === 0) return;
    const name = composition.supplementFileName(source.runId);
    await withDownloads(context, folder, files, async (local, dir) => {
        const kept = join(dir, name);
        const result = await deps.workspace.withDuckDb((c) => composition.keep(c, composition.supplement, local, kept));
        if (result.kept.rows === 0) return;
        await deps.ingestion.upload(kept, `${stagedFolder(run, claim, dataset.name)}/${name}`);
        await storePartials(context, name, kept);
        release.files.push({ name, totals: keptTotals(files, result), source });
    });
}

/** The totals of kept rows: their own, with the input of the files they come from and everything that changed it. */
function keptTotals(files: readonly ReleaseFile[], { kept, leftOut }: KeptRows): Totals {
    const from = sumTotals(files.map((file) => file.totals));
    return {
        ...kept,
        ...(from.input ? { input: from.input } : {}),
        changes: mergeChanges([...(from.changes ?? []), ...leftOut]),
    };
}

/** Downloads `files` of `folder` into a scratch folder and runs `work` on their local paths. */
function withDownloads(
    { deps, keepAlive }: Context,
    folder: string,
    files: readonly ReleaseFile[],
    work: (local: string[], dir: string) => Promise<void>,
): Promise<void> {
    return deps.workspace.withScratch(async (dir) => {
        const local = files.map((_, i) => join(dir, `${i}.parquet`));
        for (const [i, file] of files.entries()) {
            await keepAlive();
            await deps.ingestion.download(`${folder}/${file.name}`, local[i] ?? '');
        }
        await work(local, dir);
    });
}

/** Computes each derived dataset's partial of the staged file `name` (a local copy at `local`) and stores it. */
async function storePartials(
    { run, dataset, claim, release, deps }: Context,
    name: string,
    local: string,
): Promise<void> {
    for (const derived of dataset.derived) {
        const partial = `${local}-${derived.name}.parquet`;
        await deps.workspace.withDuckDb((connection) => derived.partial(connection, local, partial));
        const stored = `${claimFolder(run, claim)}/_partials/${derived.name}/composed-${name}`;
        await deps.ingestion.upload(partial, stored);
        release.partials[derived.name]?.push(stored);
    }
}
