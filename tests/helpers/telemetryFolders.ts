import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample account's id, scope and a month the telemetry tests use. */
export const TEST_SUBSCRIPTION = '5c1e7d2a-0000-4000-8000-00000000ab01';
export const TEST_ACCOUNT = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-test`;

/**
 * Writes a telemetry folder under `exportsDir` as the hub lands one: each file (an object is written as JSON, a string
 * as it is), then `telemetry.json` listing them with their kinds. `manifest` overrides any field of the manifest.
 */
export function writeTelemetryFolder(
    exportsDir: string,
    folder: string,
    files: { name: string; kind: string; body: unknown }[],
    manifest: Record<string, unknown> = {},
): string {
    mkdirSync(join(exportsDir, folder), { recursive: true });
    for (const file of files) {
        writeFileSync(
            join(exportsDir, folder, file.name),
            typeof file.body === 'string' ? file.body : JSON.stringify(file.body),
        );
    }
    const text = {
        manifestVersion: 'finops-hub-telemetry/1',
        scope: `/subscriptions/${TEST_SUBSCRIPTION}`,
        runId: folder
            .replace(/[^a-z0-9-]/gi, '-')
            .toLowerCase()
            .slice(-40),
        pulledAt: '2026-10-03T02:00:00Z',
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-03T00:00:00Z',
        files: files.map(({ name, kind }) => ({ name, kind })),
        ...manifest,
    };
    writeFileSync(join(exportsDir, folder, 'telemetry.json'), JSON.stringify(text));
    return `${folder}/telemetry.json`;
}

/** An ARM deployments page of TEST_ACCOUNT. */
export const deploymentsPage = (
    deployments: { name: string; sku: string; capacity: number; spillover?: string }[],
) => ({
    value: deployments.map((d) => ({
        id: `${TEST_ACCOUNT}/deployments/${d.name}`,
        type: 'Microsoft.CognitiveServices/accounts/deployments',
        name: d.name,
        sku: { name: d.sku, capacity: d.capacity },
        properties: {
            model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
            provisioningState: 'Succeeded',
            ...(d.spillover ? { spilloverDeploymentName: d.spillover } : {}),
        },
    })),
});

/** One metric of TEST_ACCOUNT with series given as dimension values (names as written) → hourly points. */
export function metric(
    name: string,
    series: { dimensions: Record<string, string>; points: Record<string, number | string>[] }[],
    errorCode = 'Success',
) {
    return {
        id: `${TEST_ACCOUNT}/providers/Microsoft.Insights/metrics/${name}`,
        type: 'Microsoft.Insights/metrics',
        name: { value: name, localizedValue: name },
        unit: 'Count',
        timeseries: series.map(({ dimensions, points }) => ({
            metadatavalues: Object.entries(dimensions).map(([key, value]) => ({ name: { value: key }, value })),
            data: points,
        })),
        errorCode,
        ...(errorCode === 'Success' ? {} : { errorMessage: `${name} could not be read` }),
    };
}

/** A metrics:getBatch body for TEST_ACCOUNT holding `metrics`. */
export const batchBody = (metrics: unknown[]) => ({
    values: [
        {
            starttime: '2026-10-01T00:00:00Z',
            endtime: '2026-10-03T00:00:00Z',
            interval: 'PT1H',
            namespace: 'Microsoft.CognitiveServices/accounts',
            resourceregion: 'eastus2',
            resourceid: TEST_ACCOUNT,
            value: metrics,
        },
    ],
});

/** The single-resource metrics API's body for TEST_ACCOUNT holding `metrics`. */
export const singleBody = (metrics: unknown[]) => ({
    cost: 0,
    timespan: '2026-10-01T00:00:00Z/2026-10-03T00:00:00Z',
    interval: 'PT1H',
    value: metrics,
    namespace: 'Microsoft.CognitiveServices/accounts',
    resourceregion: 'eastus2',
});
