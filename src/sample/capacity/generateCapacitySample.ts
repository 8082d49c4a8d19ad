import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { metricWindows } from '../../focus/telemetry/metricGroups';
import { telemetryFolder } from '../../focus/telemetry/telemetryFolder';
import {
    TELEMETRY_MANIFEST,
    TELEMETRY_MANIFEST_VERSION,
    TelemetryKind,
    TelemetryManifest,
    telemetryManifestText,
} from '../../focus/telemetry/telemetryManifest';
import { capacityBills } from './capacityBills';
import { consumersBody, deploymentsPage, METRIC_GROUPS, metricsBody } from './capacityBodies';
import { CAPACITY_MONTH, SUBSCRIPTION_ID } from './capacityScenario';
import { writeFocusCostExport } from './writeFocusCostExport';

/** The two daily pulls of October the sample lands: mid-month (before the Data Zone resize) and after month end. */
const PULLS = [
    { runId: '7e1e0001-3c4d-4e5f-8a9b-000000202610', pulledAt: '2026-10-16T02:00:00Z' },
    { runId: '7e1e0002-3c4d-4e5f-8a9b-000000202610', pulledAt: '2026-11-01T02:00:00Z' },
];

/** What the capacity part of the sample wrote: the cost export's manifest and the telemetry folders' manifests. */
export interface CapacitySample {
    costManifest: string;
    telemetryManifests: string[];
}

/**
 * Writes the shared AI account of the sample into `containerRoot` (the msexports folder): its October FocusCost export
 * (reserved and pay-as-you-go PTU-hours, unused reservation hours, spillover tokens) and two telemetry folders as the
 * `telemetry` function lands them (deployment inventory, hourly metrics in weekly batch bodies, the teams' tokens).
 */
export function generateCapacitySample(containerRoot: string): CapacitySample {
    const costManifest = writeFocusCostExport(containerRoot, {
        exportName: 'contoso-ai-platform',
        scope: `/subscriptions/${SUBSCRIPTION_ID}`,
        month: CAPACITY_MONTH,
        runId: '6c0a0001-5a4d-4e1f-9c3b-000000202610',
        submittedTime: '2026-11-02T06:30:00.0000000Z',
        rows: capacityBills(),
    });
    const telemetryManifests = PULLS.map(({ runId, pulledAt }) => {
        const start = new Date(`${CAPACITY_MONTH}-01T00:00:00Z`);
        const end = new Date(Math.min(Date.parse(pulledAt), Date.parse('2026-11-01T00:00:00Z')));
        const files: { name: string; kind: TelemetryKind; body: unknown }[] = [
            { name: 'deployments-0001.json', kind: 'deployments', body: deploymentsPage(new Date(pulledAt)) },
        ];
        for (const [w, window] of metricWindows(start, end).entries()) {
            for (const group of METRIC_GROUPS) {
                const name = `metrics-${group.name}-${String(w + 1).padStart(2, '0')}.json`;
                files.push({ name, kind: 'metrics', body: metricsBody(group, window.start, window.end) });
            }
        }
        files.push({ name: 'consumers-0001.json', kind: 'consumers', body: consumersBody(start, end) });
        const manifest: TelemetryManifest = {
            manifestVersion: TELEMETRY_MANIFEST_VERSION,
            scope: `/subscriptions/${SUBSCRIPTION_ID}`,
            runId,
            pulledAt: new Date(pulledAt).toISOString(),
            start: start.toISOString(),
            end: end.toISOString(),
            files: files.map(({ name, kind }) => ({ name, kind })),
            consumerDimension: 'Team',
        };
        const folder = telemetryFolder(manifest);
        mkdirSync(join(containerRoot, folder), { recursive: true });
        for (const file of files) writeFileSync(join(containerRoot, folder, file.name), JSON.stringify(file.body));
        writeFileSync(join(containerRoot, folder, TELEMETRY_MANIFEST), telemetryManifestText(manifest));
        return `${folder}/${TELEMETRY_MANIFEST}`;
    });
    return { costManifest, telemetryManifests };
}
