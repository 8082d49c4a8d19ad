import { createTelemetrySource } from '../../src/adapters/telemetry/createTelemetrySource';
import { consumerQuery } from '../../src/focus/telemetry/consumerQuery';
import { METRIC_GROUPS, metricFilter } from '../../src/focus/telemetry/metricGroups';
import type { TelemetrySource } from '../../src/pipeline/telemetryPorts';
import { type Answer, type AzureTestServer, startAzureTestServer, testCredential } from '../helpers/azureTestServer';

// The SDK clients (@azure/arm-cognitiveservices, @azure/monitor-query-metrics, @azure/monitor-query-logs) run for real
// against a local HTTPS server answering with the documented bodies; only the credential is fake (no Azure AD here).

const SUB = '0a1b2c3d-0000-4000-8000-00000000aa01';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-one`;
const INSIGHTS = `/subscriptions/${SUB}/resourceGroups/rg-apim/providers/Microsoft.Insights/components/appi-gateway`;

const deployment = (name: string, sku: string, capacity: number) => ({
    id: `${ACCOUNT}/deployments/${name}`,
    type: 'Microsoft.CognitiveServices/accounts/deployments',
    name,
    sku: { name: sku, capacity },
    properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' }, provisioningState: 'Succeeded' },
});

/** A batch metrics body as Azure Monitor answers it: dimension names lower-cased. */
const metricsBody = {
    values: [
        {
            starttime: '2026-10-01T00:00:00Z',
            endtime: '2026-10-01T02:00:00Z',
            interval: 'PT1H',
            namespace: 'Microsoft.CognitiveServices/accounts',
            resourceregion: 'eastus2',
            resourceid: ACCOUNT,
            value: [
                {
                    id: `${ACCOUNT}/providers/Microsoft.Insights/metrics/InputTokens`,
                    type: 'Microsoft.Insights/metrics',
                    name: { value: 'InputTokens', localizedValue: 'Input Tokens' },
                    unit: 'Count',
                    timeseries: [
                        {
                            metadatavalues: [{ name: { value: 'modeldeploymentname' }, value: 'chat-ptu' }],
                            data: [{ timeStamp: '2026-10-01T00:00:00Z', total: 1200 }],
                        },
                    ],
                    errorCode: 'Success',
                },
            ],
        },
    ],
};

let server: AzureTestServer;
/** Per test: how the metrics endpoint answers each successive call. */
let metricsAnswers: Answer[];

beforeAll(async () => {
    server = await startAzureTestServer((request, { url }) => {
        if (request.path === `/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts`) {
            const second = request.query.get('$skiptoken') === 'p2';
            return {
                status: 200,
                body: second
                    ? { value: [{ id: `${ACCOUNT}-two`, location: 'swedencentral', kind: 'AIServices' }] }
                    : {
                          value: [{ id: ACCOUNT, location: 'eastus2', kind: 'OpenAI' }],
                          nextLink: `${url}${request.path}?api-version=2025-09-01&$skiptoken=p2`,
                      },
            };
        }
        if (request.path === `${ACCOUNT}/deployments`) {
            if (request.query.get('$skiptoken') === 'd2') {
                return {
                    status: 200,
                    body: `{"value":[${JSON.stringify(deployment('chat-std', 'GlobalStandard', 450))}]}`,
                };
            }
            return {
                status: 200,
                body: `{"value":[${JSON.stringify(deployment('chat-ptu', 'GlobalProvisionedManaged', 50))}],"nextLink":"${url}${request.path}?api-version=2025-09-01&$skiptoken=d2"}`,
            };
        }
        if (request.path === `/subscriptions/${SUB}/metrics:getBatch`) {
            return metricsAnswers.shift() ?? { status: 500, body: { error: { code: 'NoMore' } } };
        }
        if (request.path === `/v1${INSIGHTS}/query`) {
            return { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [], rows: [] }] } };
        }
        if (request.path.includes('forbidden')) {
            return {
                status: 403,
                body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization' } },
            };
        }
        return { status: 404, body: { error: { code: 'NotFound', message: request.path } } };
    });
});
afterAll(() => server.close());
beforeEach(() => {
    server.requests.length = 0;
    metricsAnswers = [];
});

const source = (): TelemetrySource =>
    createTelemetrySource(testCredential, {
        arm: server.url,
        metrics: () => server.url,
        logs: `${server.url}/v1`,
        tls: { ca: server.ca },
        maxRetries: 2,
        retryDelayMs: 5,
    });

const query = (metrics: string[]) => ({
    region: 'eastus2',
    resourceIds: [ACCOUNT],
    metrics,
    aggregation: 'total',
    filter: metricFilter(METRIC_GROUPS[0] ?? { name: '', metrics: [], aggregation: '', dimensions: [] }),
    top: 1000,
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-10-01T02:00:00Z'),
});

describe('the telemetry source over the Azure SDKs', () => {
    it('follows ARM nextLink pages and returns each deployments page exactly as the service sent it', async () => {
        const accounts = await source().listAccounts(SUB);
        expect(accounts.map((a) => [a.location, a.kind])).toEqual([
            ['eastus2', 'OpenAI'],
            ['swedencentral', 'AIServices'],
        ]);
        const pages = await source().deploymentPages(ACCOUNT);
        expect(pages).toHaveLength(2);
        expect(pages[0]).toContain('"nextLink"');
        expect(JSON.parse(pages[1] ?? '')).toEqual({ value: [deployment('chat-std', 'GlobalStandard', 450)] });
    });

    it('asks metrics:getBatch with top, filter, hourly interval and the metric names, and retries a 529', async () => {
        metricsAnswers = [
            { status: 529, body: { error: { code: 'TooManyRequests' } } },
            { status: 200, body: metricsBody },
        ];
        const body = await source().metricsBatch(query(['InputTokens', 'OutputTokens']));
        expect(JSON.parse(body)).toEqual(metricsBody);
        const calls = server.requests.filter((r) => r.path.endsWith('metrics:getBatch'));
        expect(calls).toHaveLength(2);
        const [, call] = calls;
        expect(call?.method).toBe('POST');
        expect(call?.query.get('top')).toBe('1000');
        expect(call?.query.get('interval')).toBe('PT1H');
        expect(call?.query.get('filter')).toBe(
            "ModelDeploymentName eq '*' and ModelName eq '*' and ModelVersion eq '*'",
        );
        expect(call?.query.get('metricnames')).toBe('InputTokens,OutputTokens');
        expect(call?.query.get('metricnamespace')).toBe('Microsoft.CognitiveServices/accounts');
        expect(JSON.parse(call?.body ?? '{}')).toEqual({ resourceids: [ACCOUNT] });
    });

    it('waits as long as a 429 Retry-After asks, then lands the answer', async () => {
        metricsAnswers = [
            { status: 429, headers: { 'Retry-After': '0' }, body: {} },
            { status: 200, body: metricsBody },
        ];
        await expect(source().metricsBatch(query(['InputTokens']))).resolves.toContain('modeldeploymentname');
    });

    it('fails with TelemetryThrottled (transient) when throttling outlasts the retries', async () => {
        metricsAnswers = Array.from({ length: 5 }, () => ({ status: 429, headers: { 'Retry-After': '0' }, body: {} }));
        await expect(source().metricsBatch(query(['InputTokens']))).rejects.toMatchObject({
            code: 'TelemetryThrottled',
            retryable: true,
        });
        expect(server.requests.filter((r) => r.path.endsWith('metrics:getBatch'))).toHaveLength(3);
    });

    it('turns error bodies into coded errors naming what was asked', async () => {
        metricsAnswers = [
            {
                status: 400,
                body: {
                    error: {
                        code: 'BadRequest',
                        message:
                            'Failed to find metric configuration for provider: Microsoft.CognitiveServices, metric: ModelRequests',
                    },
                },
            },
        ];
        await expect(source().metricsBatch(query(['ModelRequests']))).rejects.toMatchObject({
            code: 'TelemetryErrorBody',
            message: expect.stringMatching(/HTTP 400.*metric/),
        });
        await expect(
            source().deploymentPages(
                `/subscriptions/${SUB}/resourceGroups/forbidden/providers/Microsoft.CognitiveServices/accounts/x`,
            ),
        ).rejects.toMatchObject({
            code: 'TelemetryForbidden',
            message: expect.stringContaining('Reader and Monitoring Reader'),
        });
    });

    it('runs the consumer query against the Application Insights resource over the period', async () => {
        const body = await source().logsQuery(
            INSIGHTS,
            consumerQuery('Team', 'Deployment'),
            new Date('2026-10-01T00:00:00Z'),
            new Date('2026-10-08T00:00:00Z'),
        );
        expect(JSON.parse(body)).toEqual({ tables: [{ name: 'PrimaryResult', columns: [], rows: [] }] });
        const [call] = server.requests;
        const sent = JSON.parse(call?.body ?? '{}') as { query: string; timespan: string };
        expect(sent.query).toContain("tostring(dims['Team'])");
        expect(sent.timespan).toBe('2026-10-01T00:00:00.000Z/2026-10-08T00:00:00.000Z');
    });
});
