import { join } from 'node:path';

import type { FolderComposition, HubDataset } from '../focus/datasets/hubDataset';
import { claimFolder, convertedFolder, datasetFolder, stagedFolder } from '../focus/layout';
import { PipelineDeps } from './pipelineDeps';
import { PartRecord, PublishedSource, RunRecord } from './ports';
import { readPublishedFolder } from './readPublishedFolder';
import { ownRelease, Release, ReleaseFile, sourceOf } from './release';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Decides what a run of a composing dataset publishes (README "Actual and amortized together") and stages it, from
 * the run's converted parts and the folder as published now (read under the dataset-month lease):
 *
 * - a base run (amortized): all its parts, plus the partner's rows `keepSupplement` keeps (the commitment purchases
 *   of the published actual run, filtered again into one `{actualRunId}__commitments.parquet`);
 * - a supplement run (actual) beside a published base run: the base run's files, copied as they are, plus its own
 *   kept rows in one `{runId}__commitments.parquet`;
 * - a supplement run alone: all its parts.
 *
 * Anything else published there (another export type, an older run of the same type) is replaced. Derived datasets
 * get a partial per staged file: the run's own when a part is staged whole, computed from the file otherwise.
 */
export async function composeRelease(
    run: RunRecord,
    parts: PartRecord[],
    dataset: HubDataset,
    composition: FolderComposition,
    claim: string,
    deps: PipelineDeps,
): Promise<Release> {
    const composing: Composing = { run, dataset, composition, claim };
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

    const converted = convertedFolder(run, dataset.name);
    if (isBase || partnerSources.length === 0) {
        for (const file of own.files) {
            await deps.ingestion.copy(`${converted}/${file.name}`, `${staged}/${file.name}`);
        }
        release.files.push(...own.files);
        for (const derived of dataset.derived)
            release.partials[derived.name]?.push(...(own.partials[derived.name] ?? []));
    }
    if (isBase) {
        for (const source of partnerSources) {
            const files = partnerFiles.filter((f) => f.source.runId === source.runId);
            await keepSupplement(composing, source, files, published.folder, release, deps);
        }
    } else if (partnerSources.length > 0) {
        for (const file of partnerFiles) {
            await deps.ingestion.copy(`${published.folder}/${file.name}`, `${staged}/${file.name}`);
            release.files.push(file);
        }
        await derivedPartials(composing, partnerFiles, release, deps);
        await keepSupplement(composing, sourceOf(run), own.files, converted, release, deps);
    }
    return release;
}

/** What a composed folder is built for: the run, its dataset and composition, and the publish attempt staging it. */
interface Composing {
    run: RunRecord;
    dataset: HubDataset;
    composition: FolderComposition;
    claim: string;
}

/** Filters a supplement run's Costs files (in `folder`) into its one kept file, staged with its partials. */
async function keepSupplement(
    composing: Composing,
    source: PublishedSource,
    files: ReleaseFile[],
    folder: string,
    release: Release,
    deps: PipelineDeps,
): Promise<void> {
    const { run, dataset, composition, claim } = composing;
    const name = composition.supplementFileName(source.runId);
    const totals = await deps.workspace.withScratch(async (dir) => {
        const inputs = files.map((_, i) => join(dir, `${i}.parquet`));
        for (const [i, file] of files.entries())
            await deps.ingestion.download(`${folder}/${file.name}`, inputs[i] ?? '');
        const kept = join(dir, name);
        const result = await deps.workspace.withDuckDb((connection) =>
            inputs.length === 0
                ? Promise.resolve({ rows: 0, sums: {} })
                : composition.keepSupplement(connection, inputs, kept),
        );
        if (result.rows > 0) {
            await deps.ingestion.upload(kept, `${stagedFolder(run, claim, dataset.name)}/${name}`);
            await storePartials(composing, name, kept, release, deps);
        }
        return result;
    });
    if (totals.rows > 0) release.files.push({ name, totals, source });
}

/** Computes and stores each derived dataset's partial of staged files the run did not convert itself. */
async function derivedPartials(
    composing: Composing,
    files: ReleaseFile[],
    release: Release,
    deps: PipelineDeps,
): Promise<void> {
    const { run, dataset, claim } = composing;
    if (dataset.derived.length === 0 || files.length === 0) return;
    await deps.workspace.withScratch(async (dir) => {
        for (const [i, file] of files.entries()) {
            const local = join(dir, `${i}.parquet`);
            await deps.ingestion.download(`${stagedFolder(run, claim, dataset.name)}/${file.name}`, local);
            await storePartials(composing, file.name, local, release, deps);
        }
    });
}

/** Computes each derived dataset's partial of the staged file `name` (a local copy at `local`) and stores it. */
async function storePartials(
    { run, dataset, claim }: Composing,
    name: string,
    local: string,
    release: Release,
    deps: PipelineDeps,
): Promise<void> {
    for (const derived of dataset.derived) {
        const partial = `${local}-${derived.name}.parquet`;
        await deps.workspace.withDuckDb((connection) => derived.partial(connection, local, partial));
        const stored = `${claimFolder(run, claim)}/_partials/${derived.name}/composed-${name}`;
        await deps.ingestion.upload(partial, stored);
        release.partials[derived.name]?.push(stored);
    }
}
