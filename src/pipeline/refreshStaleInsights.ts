import { DATASETS } from '../focus/datasets/registry';
import { PipelineDeps } from './pipelineDeps';
import { refreshInsights } from './refreshInsights';

/**
 * Recomputes the insights of every published scope and month whose insight datasets are missing, or were
 * computed for another run than the one whose data is published there: a refresh that failed, or that never ran
 * because its worker died after the run succeeded. The same refresh a publish runs (refreshInsights).
 */
export async function refreshStaleInsights(deps: PipelineDeps): Promise<void> {
    const insightDatasets = deps.insights?.datasets ?? [];
    if (insightDatasets.length === 0) return;
    const computed = await Promise.all(insightDatasets.map((dataset) => deps.runs.listPublications(dataset)));
    const datasets = new Set(DATASETS.filter((dataset) => dataset.insights).map((dataset) => dataset.name));
    for (const dataset of datasets) {
        for (const published of await deps.runs.listPublications(dataset)) {
            const same = (p: { scope: string; month: string; runId: string }) =>
                p.scope === published.scope && p.month === published.month && p.runId === published.runId;
            if (computed.every((list) => list.some(same))) continue;
            const run = (await deps.runs.getRun(published))?.value;
            if (run?.status === 'succeeded') await refreshInsights(run, deps);
        }
    }
}
