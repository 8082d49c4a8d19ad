import { PipelineError } from '../errors';
import { METRIC_TOP, metricFilter, MetricGroup } from '../focus/telemetry/metricGroups';
import type { AzureAccount, TelemetrySource } from './telemetryPorts';

/** Accounts per metrics batch call (the API's limit). */
const BATCH = 50;

/** Accounts grouped by region, at most 50 per group (one subscription: the batch API's other condition). */
export function accountBatches(accounts: readonly AzureAccount[]): { region: string; ids: string[] }[] {
    const byRegion = new Map<string, string[]>();
    for (const account of accounts) {
        const region = account.location.toLowerCase().replace(/\s+/g, '');
        byRegion.set(region, [...(byRegion.get(region) ?? []), account.id]);
    }
    return [...byRegion].flatMap(([region, ids]) =>
        Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, i) => ({
            region,
            ids: ids.slice(i * BATCH, (i + 1) * BATCH),
        })),
    );
}

/** The group's bodies for one window: one call, or one per metric when the namespace lacks one of them. */
export async function metricBodies(
    source: TelemetrySource,
    batch: { region: string; ids: string[] },
    group: MetricGroup,
    window: { start: Date; end: Date },
    log: (message: string) => void,
): Promise<string[]> {
    const ask = (metrics: readonly string[]) =>
        source.metricsBatch({
            region: batch.region,
            resourceIds: batch.ids,
            metrics,
            aggregation: group.aggregation,
            filter: metricFilter(group),
            top: METRIC_TOP,
            start: window.start,
            end: window.end,
        });
    try {
        return [await ask(group.metrics)];
    } catch (error) {
        if (!metricMissing(error)) throw error;
    }
    const bodies: string[] = [];
    for (const metric of group.metrics) {
        try {
            bodies.push(await ask([metric]));
        } catch (error) {
            if (!metricMissing(error)) throw error;
            log(`Telemetry: metric ${metric} is not reported in ${batch.region}; skipped.`);
        }
    }
    return bodies;
}

/** A 400 answer about a metric: the namespace has no such metric. */
function metricMissing(error: unknown): boolean {
    if (!(error instanceof PipelineError) || error.code !== 'TelemetryErrorBody') return false;
    return /HTTP 400/.test(error.message) && /metric/i.test(error.message);
}
