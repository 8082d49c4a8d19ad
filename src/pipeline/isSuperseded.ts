import type { HubDataset } from '../focus/datasets/hubDataset';
import { sameRun } from '../focus/runRef';
import { Publication, RunRecord } from './ports';

/**
 * Whether what is published beats `run` (docs/publishing.md "Publishing: what a reader sees", docs/legacy-costs.md
 * "Actual and amortized together"): a newer run, by submittedTime then run id. A run whose dataset composes its folders
 * with another export type only competes with published runs of its own type, and with runs of types that do not
 * compose (those replace the folder whole).
 */
export function isSuperseded(publication: Publication, run: RunRecord, dataset: HubDataset): boolean {
    if (sameRun(publication, run)) return false;
    const composing = (type: string) =>
        !!dataset.composition &&
        [dataset.composition.base, dataset.composition.supplement].some((t) => t.toLowerCase() === type.toLowerCase());
    if (!composing(run.exportType)) return isNewer(publication, run);
    const sources = publication.sources ?? [{ ...publication, exportType: '' }];
    return sources.some(
        (source) =>
            (source.exportType.toLowerCase() === run.exportType.toLowerCase() || !composing(source.exportType)) &&
            isNewer(source, run),
    );
}

/** Whether the published run is newer than `run` (by submittedTime, then run id); the same run is not. */
function isNewer(published: { runId: string; submittedTime: string }, run: RunRecord): boolean {
    if (published.runId === run.runId) return false;
    if (published.submittedTime !== run.submittedTime) return published.submittedTime > run.submittedTime;
    return published.runId > run.runId;
}
