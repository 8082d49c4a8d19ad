import { AI_TELEMETRY } from '../focus/datasets/aiTelemetry/aiTelemetryDataset';
import { CAPACITY_DATASETS } from '../focus/datasets/capacity/capacityDatasets';
import { DATASETS } from '../focus/datasets/registry';
import { PipelineDeps } from './pipelineDeps';
import { Publication } from './ports';
import { refreshCapacity } from './refreshCapacity';

/**
 * Recomputes the capacity datasets of every published telemetry scope and month where one of them is missing, or was
 * published before the latest publication they are computed from (that scope's AITelemetry of the month, or the
 * month's Costs of any scope): a refresh after a publish that failed, or that never ran because its worker died after
 * the run succeeded. The same refresh a publish runs (refreshCapacity), caused by the newest of those publications.
 */
export async function refreshStaleCapacity(deps: PipelineDeps): Promise<void> {
    const telemetry = await deps.runs.listPublications(AI_TELEMETRY);
    if (telemetry.length === 0) return;
    const feeding = new Set(DATASETS.filter((d) => d.capacity && d.name !== AI_TELEMETRY).map((d) => d.name));
    const bills = (await Promise.all([...feeding].map((dataset) => deps.runs.listPublications(dataset)))).flat();
    const computed = await Promise.all(CAPACITY_DATASETS.map((dataset) => deps.runs.listPublications(dataset)));
    for (const { scope, month } of telemetry) {
        const times = computed.map((list) => list.find((p) => p.scope === scope && p.month === month)?.publishedAt);
        const oldest = times.includes(undefined) ? '' : (times.sort()[0] ?? '');
        const inputs = [...telemetry.filter((p) => p.scope === scope), ...bills].filter((p) => p.month === month);
        const newer = inputs.filter((p) => p.publishedAt > oldest).sort(newestFirst);
        for (const publication of newer) {
            const run = (await deps.runs.getRun(publication))?.value;
            if (run?.status !== 'succeeded') continue;
            await refreshCapacity(run, deps, scope);
            break;
        }
    }
}

const newestFirst = (a: Publication, b: Publication) => b.publishedAt.localeCompare(a.publishedAt);
