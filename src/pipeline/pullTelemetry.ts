import { consumerQuery } from '../focus/telemetry/consumerQuery';
import { METRIC_GROUPS, metricWindows } from '../focus/telemetry/metricGroups';
import { telemetryFolder } from '../focus/telemetry/telemetryFolder';
import {
    TELEMETRY_MANIFEST,
    TELEMETRY_MANIFEST_VERSION,
    TelemetryKind,
    TelemetryManifest,
    telemetryManifestText,
} from '../focus/telemetry/telemetryManifest';
import type { ObjectStore } from './ports';
import { accountBatches, metricBodies } from './pullMetrics';
import type { TelemetrySource } from './telemetryPorts';

/** What one pull fetches: a subscription's accounts over a period inside one month. */
export interface TelemetryPull {
    subscriptionId: string;
    /** Pull only these accounts (resource ids, any case); every account of the subscription when absent. */
    accounts?: readonly string[];
    start: Date;
    end: Date;
    pulledAt: Date;
    runId: string;
    /** Consumer metrics: the Application Insights resource and the dimensions of consumer and deployment. */
    consumers?: { appInsightsId: string; dimension: string; deploymentDimension: string };
}

/** Account kinds that have model deployments. */
const KINDS = new Set(['openai', 'aiservices']);

/**
 * Fetches a telemetry folder and lands it in `exports`: every page of each account's deployments, hourly metrics of the
 * period (batches of ≤ 50 accounts of one region, weekly windows, `top` set; a group naming a metric the namespace
 * lacks is asked again metric by metric, missing ones skipped), and the consumer query when configured. Each body is
 * written unchanged; `telemetry.json` is written last, so a pull that fails half way lands nothing to process (its
 * files are removed). Returns the name of the landed `telemetry.json`.
 */
export async function pullTelemetry(
    pull: TelemetryPull,
    source: TelemetrySource,
    exports: ObjectStore,
    log: (message: string) => void,
): Promise<string> {
    const listed = await source.listAccounts(pull.subscriptionId);
    const wanted = pull.accounts && new Set(pull.accounts.map((id) => id.toLowerCase()));
    const accounts = listed.filter((a) => (wanted ? wanted.has(a.id.toLowerCase()) : KINDS.has(a.kind.toLowerCase())));
    for (const id of wanted ?? []) {
        if (!accounts.some((a) => a.id.toLowerCase() === id)) log(`Telemetry: account ${id} no longer exists.`);
    }
    const files: { name: string; kind: TelemetryKind; body: string }[] = [];
    const add = (prefix: string, kind: TelemetryKind, body: string) =>
        files.push({ name: `${prefix}-${String(files.length + 1).padStart(4, '0')}.json`, kind, body });
    for (const account of accounts) {
        for (const body of await source.deploymentPages(account.id)) add('deployments', 'deployments', body);
    }
    for (const batch of accountBatches(accounts)) {
        for (const window of metricWindows(pull.start, pull.end)) {
            for (const group of METRIC_GROUPS) {
                for (const body of await metricBodies(source, batch, group, window, log))
                    add('metrics', 'metrics', body);
            }
        }
    }
    if (pull.consumers) {
        const { appInsightsId, dimension, deploymentDimension } = pull.consumers;
        add(
            'consumers',
            'consumers',
            await source.logsQuery(appInsightsId, consumerQuery(dimension, deploymentDimension), pull.start, pull.end),
        );
    }
    const manifest: TelemetryManifest = {
        manifestVersion: TELEMETRY_MANIFEST_VERSION,
        scope: `/subscriptions/${pull.subscriptionId.toLowerCase()}`,
        runId: pull.runId,
        pulledAt: pull.pulledAt.toISOString(),
        start: pull.start.toISOString(),
        end: pull.end.toISOString(),
        files: files.map(({ name, kind }) => ({ name, kind })),
        ...(pull.consumers ? { consumerDimension: pull.consumers.dimension } : {}),
    };
    const folder = telemetryFolder(manifest);
    try {
        for (const file of files) await exports.writeText(`${folder}/${file.name}`, file.body, 'application/json');
        await exports.writeText(`${folder}/${TELEMETRY_MANIFEST}`, telemetryManifestText(manifest), 'application/json');
    } catch (error) {
        await exports.deleteFolder(folder).catch(() => undefined);
        throw error;
    }
    log(
        `Telemetry: ${accounts.length} account(s) of subscription ${pull.subscriptionId}, ${files.length} file(s) landed in ${folder}.`,
    );
    return `${folder}/${TELEMETRY_MANIFEST}`;
}
