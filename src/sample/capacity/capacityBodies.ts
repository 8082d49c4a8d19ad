import { METRIC_GROUPS, METRIC_NAMESPACE, MetricGroup } from '../../focus/telemetry/metricGroups';
import {
    ACCOUNT_ID,
    CONSUMERS,
    DATA_ZONE_PTU,
    dataZonePtus,
    GLOBAL_PTU,
    GLOBAL_PTUS,
    HourUsage,
    hourUsage,
    MODEL,
    STANDARD,
} from './capacityScenario';

const HOUR = 3_600_000;
const MONTH_START = Date.parse('2026-10-01T00:00:00Z');
const hoursIn = (start: Date, end: Date) =>
    Array.from(
        { length: Math.round((end.getTime() - start.getTime()) / HOUR) },
        (_, i) => (start.getTime() - MONTH_START) / HOUR + i,
    );
const stamp = (hour: number) => new Date(MONTH_START + hour * HOUR).toISOString().replace('.000Z', 'Z');

/** The ARM deployments list page as it was at `pulledAt` (one page: three deployments). */
export function deploymentsPage(pulledAt: Date): unknown {
    const hour = Math.floor((pulledAt.getTime() - MONTH_START) / HOUR);
    const deployment = (name: string, sku: string, capacity: number, spillover?: string) => ({
        id: `${ACCOUNT_ID}/deployments/${name}`,
        type: 'Microsoft.CognitiveServices/accounts/deployments',
        name,
        sku: { name: sku, capacity },
        properties: {
            model: { format: MODEL.format, name: MODEL.name, version: MODEL.version },
            provisioningState: 'Succeeded',
            currentCapacity: capacity,
            raiPolicyName: 'Microsoft.DefaultV2',
            ...(spillover ? { spilloverDeploymentName: spillover } : {}),
        },
    });
    return {
        value: [
            deployment(GLOBAL_PTU, 'GlobalProvisionedManaged', GLOBAL_PTUS, STANDARD),
            deployment(DATA_ZONE_PTU, 'DataZoneProvisionedManaged', dataZonePtus(hour)),
            deployment(STANDARD, 'GlobalStandard', 450),
        ],
    };
}

/** A point's value of one metric, or undefined when the deployment does not report it. */
function valueOf(metric: string, usage: HourUsage, spillover: boolean): Record<string, number> | undefined {
    switch (metric) {
        case 'InputTokens':
            return { total: usage.input };
        case 'OutputTokens':
            return { total: usage.output };
        case 'TotalTokens':
            return usage.utilization === undefined ? undefined : { total: usage.input + usage.output };
        case 'ActiveTokens':
            return usage.utilization === undefined ? undefined : { total: usage.input + usage.output - usage.cached };
        case 'AzureOpenAIProvisionedManagedUtilizationV2':
            return usage.utilization === undefined
                ? undefined
                : { average: usage.utilization, maximum: Math.min(100, usage.utilization * 1.2) };
        case 'AzureOpenAIRequests':
            return { total: spillover ? usage.spilloverRequests : usage.requests - usage.spilloverRequests };
        default:
            return undefined;
    }
}

/** The batch metrics body (`metrics:getBatch`) of one group over `[start, end)`, dimension names lower-cased. */
export function metricsBody(group: MetricGroup, start: Date, end: Date): unknown {
    const hours = hoursIn(start, end);
    const metric = (name: string) => {
        const series = [GLOBAL_PTU, DATA_ZONE_PTU, STANDARD].flatMap((deployment) =>
            (group.dimensions.includes('IsSpillover') ? [false, true] : [false]).flatMap((spillover) => {
                const data = hours.map((hour) => {
                    const usage = hourUsage(hour)[deployment];
                    const value = usage && valueOf(name, usage, spillover);
                    return value && { timeStamp: stamp(hour), ...value };
                });
                if (data.some((point) => point === undefined)) return [];
                const dimension = (key: string, value: string) => ({
                    name: { value: key, localizedValue: key },
                    value,
                });
                const metadatavalues = [
                    dimension('modeldeploymentname', deployment),
                    ...(group.dimensions.includes('ModelName') ? [dimension('modelname', MODEL.name)] : []),
                    ...(group.dimensions.includes('ModelVersion') ? [dimension('modelversion', MODEL.version)] : []),
                    ...(group.dimensions.includes('IsSpillover') ? [dimension('isspillover', String(spillover))] : []),
                ];
                return [{ metadatavalues, data }];
            }),
        );
        return {
            id: `${ACCOUNT_ID}/providers/Microsoft.Insights/metrics/${name}`,
            type: 'Microsoft.Insights/metrics',
            name: { value: name, localizedValue: name },
            displayDescription: `${name} of the account`,
            unit: name.includes('Utilization') ? 'Percent' : 'Count',
            timeseries: series,
            errorCode: 'Success',
        };
    };
    return {
        values: [
            {
                starttime: start.toISOString(),
                endtime: end.toISOString(),
                interval: 'PT1H',
                namespace: METRIC_NAMESPACE,
                resourceregion: 'eastus2',
                resourceid: ACCOUNT_ID,
                value: group.metrics.map(metric),
            },
        ],
    };
}

/** The Logs query body of the teams' token metrics (API Management → Application Insights), split by `Team`. */
export function consumersBody(start: Date, end: Date): unknown {
    const rows = hoursIn(start, end).flatMap((hour) =>
        Object.entries(CONSUMERS).flatMap(([deployment, shares]) => {
            const usage = hourUsage(hour)[deployment];
            return Object.entries(shares).flatMap(([team, share]) =>
                usage
                    ? [
                          [stamp(hour), 'Prompt Tokens', 'Team', team, deployment, Math.round(usage.input * share)],
                          [
                              stamp(hour),
                              'Completion Tokens',
                              'Team',
                              team,
                              deployment,
                              Math.round(usage.output * share),
                          ],
                      ]
                    : [],
            );
        }),
    );
    const column = (name: string, type: string) => ({ name, type });
    return {
        tables: [
            {
                name: 'PrimaryResult',
                columns: [
                    column('timestamp', 'datetime'),
                    column('name', 'string'),
                    column('dimension', 'string'),
                    column('consumer', 'string'),
                    column('deployment', 'string'),
                    column('value', 'real'),
                ],
                rows,
            },
        ],
    };
}

export { METRIC_GROUPS };
