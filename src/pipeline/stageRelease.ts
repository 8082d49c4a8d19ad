import { join } from 'node:path';

import { HubDataset } from '../focus/datasets/hubDataset';
import { FOLDER_MANIFEST, partialName, stagedFolder } from '../focus/layout';
import { sumTotals, Totals } from '../focus/totals';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, RunRecord } from './ports';

/**
 * Completes a run's staged folders once every part is converted: merges each derived dataset's per-part partials into
 * its one file, then writes each folder's manifest.json (written last, as readers of a published folder expect it to
 * describe exactly the files beside it). Safe to repeat: every write replaces the previous one.
 */
export async function stageRelease(
    run: RunRecord,
    parts: PartRecord[],
    dataset: HubDataset,
    deps: PipelineDeps,
): Promise<void> {
    const files = parts.map((part) => ({ name: part.outputName, totals: part.totals ?? { rows: 0, sums: {} } }));
    await writeFolderManifest(run, dataset.name, files, deps);
    for (const derived of dataset.derived) {
        const fileName = derived.fileName(run.runId);
        const totals = await deps.workspace.withScratch(async (dir) => {
            const partials = parts.map((part) => join(dir, `${part.index}.parquet`));
            for (const [i, part] of parts.entries()) {
                await deps.ingestion.download(partialName(run, derived.name, part.index), partials[i] ?? '');
            }
            const merged = join(dir, 'merged.parquet');
            const result = await deps.workspace.withDuckDb((connection) => derived.merge(connection, partials, merged));
            await deps.ingestion.upload(merged, `${stagedFolder(run, derived.name)}/${fileName}`);
            return result;
        });
        await writeFolderManifest(run, derived.name, [{ name: fileName, totals }], deps);
    }
}

/** Writes the manifest.json of a run's staged dataset folder, listing its files with their totals. */
export async function writeFolderManifest(
    run: RunRecord,
    dataset: string,
    files: { name: string; totals: Totals }[],
    deps: PipelineDeps,
): Promise<void> {
    const manifest = {
        dataset,
        scope: run.scope,
        month: run.month,
        runId: run.runId,
        submittedTime: run.submittedTime,
        sourceManifest: run.manifest,
        sourceDataVersion: run.dataVersion,
        focusVersion: '1.2',
        stagedAt: nowIso(),
        ...sumTotals(files.map((file) => file.totals)),
        files: files.map((file) => ({ name: file.name, ...file.totals })),
    };
    const name = `${stagedFolder(run, dataset)}/${FOLDER_MANIFEST}`;
    await deps.ingestion.writeText(name, `${JSON.stringify(manifest, null, 2)}\n`, 'application/json');
}
