import { belongsToRun, datasetFolder, FOLDER_MANIFEST } from '../focus/layout';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { CostTotals, Publication, RunRecord } from './ports';

/** The files one run publishes into one dataset folder. */
export interface DatasetRelease {
    dataset: string;
    files: { staged: string; published: string; totals?: CostTotals }[];
    totals?: CostTotals;
}

/**
 * Swaps a dataset folder over to a run: copies its staged files in, records the publication (ETag-guarded, so an
 * older run never overwrites a newer one), rewrites the folder manifest, and only then deletes other runs' files.
 */
export async function replaceFolder(
    run: RunRecord,
    release: DatasetRelease,
    deps: PipelineDeps,
): Promise<'published' | 'RunSuperseded'> {
    const { dataset } = release;
    const folder = datasetFolder(dataset, run.month, run.scope);
    for (;;) {
        const current = await deps.runs.getPublication(dataset, run.scope, run.month);
        if (current && isNewer(current.value, run)) return 'RunSuperseded';
        for (const file of release.files) await deps.ingestion.copy(file.staged, `${folder}/${file.published}`);
        const publication: Publication = { ...runKey(run), dataset, publishedAt: nowIso() };
        if (await deps.runs.putPublication(publication, current?.etag)) break;
    }
    const manifest = {
        ...runKey(run),
        dataset,
        focusVersion: '1.2',
        sourceDataVersion: run.dataVersion,
        sourceManifest: run.manifest,
        publishedAt: nowIso(),
        ...release.totals,
        files: release.files.map((file) => ({ name: file.published, ...file.totals })),
    };
    await deps.ingestion.writeText(
        `${folder}/${FOLDER_MANIFEST}`,
        JSON.stringify(manifest, null, 2),
        'application/json',
    );
    for (const name of await deps.ingestion.list(`${folder}/`)) {
        const inFolder = name.slice(folder.length + 1);
        if (!inFolder.includes('/') && inFolder !== FOLDER_MANIFEST && !belongsToRun(name, run.runId)) {
            await deps.ingestion.delete(name);
        }
    }
    return 'published';
}

function isNewer(publication: Publication, run: RunRecord): boolean {
    if (publication.runId === run.runId) return false;
    if (publication.submittedTime !== run.submittedTime) return publication.submittedTime > run.submittedTime;
    return publication.runId > run.runId;
}

function runKey(run: RunRecord) {
    const { dataset, scope, month, runId, submittedTime } = run;
    return { dataset, scope, month, runId, submittedTime };
}
