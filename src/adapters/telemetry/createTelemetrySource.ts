import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { MetricsClient } from '@azure/monitor-query-metrics';

import type { TelemetrySource } from '../../pipeline/telemetryPorts';
import { bodyRecorder } from './captureBodies';
import { telemetryError } from './telemetryError';

/** Where the services are and how hard to retry; the defaults are Azure's public cloud. */
export interface TelemetryEndpoints {
    arm?: string;
    metrics?: (region: string) => string;
    logs?: string;
    /** Trusted certificates (a test server's). */
    tls?: TlsSettings;
    /** Retries of a throttled or failed request (exponential backoff from `retryDelayMs`, or the Retry-After asked). */
    maxRetries?: number;
    retryDelayMs?: number;
}

const ACCOUNT =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)$/i;

/** The TelemetrySource over ARM (Cognitive Services), Azure Monitor metrics and Logs, with `credential`. */
export function createTelemetrySource(
    credential: TokenCredential,
    endpoints: TelemetryEndpoints = {},
): TelemetrySource {
    const arm = endpoints.arm ?? 'https://management.azure.com';
    const common = {
        retryOptions: { maxRetries: endpoints.maxRetries ?? 5, retryDelayInMs: endpoints.retryDelayMs ?? 1000 },
        ...(endpoints.tls ? { tlsOptions: endpoints.tls } : {}),
    };
    const armClients = new Map<
        string,
        { client: CognitiveServicesManagementClient; record: ReturnType<typeof bodyRecorder> }
    >();
    const armClient = (subscriptionId: string) => {
        let entry = armClients.get(subscriptionId);
        if (!entry) {
            const client = new CognitiveServicesManagementClient(credential, subscriptionId, {
                ...common,
                endpoint: arm,
                $host: arm,
            });
            entry = { client, record: bodyRecorder(client.pipeline, 'finopsHubArmBodies') };
            armClients.set(subscriptionId, entry);
        }
        return entry;
    };
    const metricsClients = new Map<string, { client: MetricsClient; record: ReturnType<typeof bodyRecorder> }>();
    const metricsClient = (region: string) => {
        let entry = metricsClients.get(region);
        if (!entry) {
            const endpoint = endpoints.metrics?.(region) ?? `https://${region}.metrics.monitor.azure.com`;
            const client = new MetricsClient(endpoint, credential, common);
            entry = { client, record: bodyRecorder(client.pipeline, 'finopsHubMetricsBodies') };
            metricsClients.set(region, entry);
        }
        return entry;
    };
    const logs = new LogsQueryClient(credential, {
        ...common,
        ...(endpoints.logs ? { endpoint: endpoints.logs } : {}),
    });
    const recordLogs = bodyRecorder(logs.pipeline, 'finopsHubLogsBodies');

    return {
        async listAccounts(subscriptionId) {
            try {
                const accounts = [];
                for await (const account of armClient(subscriptionId).client.accounts.list()) {
                    if (account.id && account.location) {
                        accounts.push({ id: account.id, location: account.location, kind: account.kind ?? '' });
                    }
                }
                return accounts;
            } catch (error) {
                throw telemetryError(
                    error,
                    `Listing the Cognitive Services accounts of subscription ${subscriptionId}`,
                );
            }
        },
        async deploymentPages(accountId) {
            const match = ACCOUNT.exec(accountId);
            if (!match) throw telemetryError(new Error('not an account resource id'), `Account ${accountId}`);
            const [, subscriptionId = '', group = '', name = ''] = match;
            const { client, record } = armClient(subscriptionId);
            try {
                return await record(async () => {
                    for await (const page of client.deployments.list(group, name).byPage()) void page;
                });
            } catch (error) {
                throw telemetryError(error, `Listing the deployments of ${accountId}`);
            }
        },
        async metricsBatch(query) {
            const { client, record } = metricsClient(query.region);
            try {
                const [body = ''] = await record(() =>
                    client.queryResources(
                        [...query.resourceIds],
                        [...query.metrics],
                        'Microsoft.CognitiveServices/accounts',
                        {
                            aggregation: query.aggregation,
                            filter: query.filter,
                            top: query.top,
                            interval: 'PT1H',
                            startTime: query.start,
                            endTime: query.end,
                        },
                    ),
                );
                return body;
            } catch (error) {
                throw telemetryError(
                    error,
                    `Metrics ${query.metrics.join(', ')} of ${query.resourceIds.length} account(s) in ${query.region}`,
                );
            }
        },
        async logsQuery(resourceId, query, start, end) {
            try {
                const [body = ''] = await recordLogs(() =>
                    logs.queryResource(resourceId, query, { startTime: start, endTime: end }),
                );
                return body;
            } catch (error) {
                throw telemetryError(error, `The consumer query on ${resourceId}`);
            }
        },
    };
}
