import { METRIC_GROUPS } from '../../src/focus/telemetry/metricGroups';
import { consumersBody, deploymentsPage, metricsBody } from '../../src/sample/capacity/capacityBodies';
import { ACCOUNT_ID, SUBSCRIPTION_ID } from '../../src/sample/capacity/capacityScenario';
import type { Answer, ReceivedRequest } from './azureTestServer';

const OCTOBER = new Date('2026-10-01T00:00:00Z');

/** Metrics this Azure has no configuration for (asked in a group, the whole call fails with 400, as Azure's does). */
const MISSING = new Set(['ModelRequests', 'ProvisionedUtilization']);

/**
 * Azure as the sample's subscription looks to ARM, Azure Monitor and Logs (bodies from the sample's scenario): the
 * gateway account and an account of another kind; its deployments in two ARM pages; metrics:getBatch answered per
 * group for the window asked, lower-cased dimension names; the teams' token metrics for the timespan asked.
 * `throttle` makes the metrics endpoint answer 429 for that many calls first.
 */
export function sampleAzure(options: { pulledAt: Date; throttle?: number }) {
    let throttled = options.throttle ?? 0;
    return (request: ReceivedRequest, server: { url: string }): Answer => {
        if (request.path === `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.CognitiveServices/accounts`) {
            return {
                status: 200,
                body: {
                    value: [
                        { id: ACCOUNT_ID, location: 'eastus2', kind: 'OpenAI' },
                        { id: `${ACCOUNT_ID}-speech`, location: 'eastus2', kind: 'SpeechServices' },
                    ],
                },
            };
        }
        if (request.path === `${ACCOUNT_ID}/deployments`) {
            const [first, ...rest] = (deploymentsPage(options.pulledAt) as { value: unknown[] }).value;
            if (request.query.get('$skiptoken') === '2') return { status: 200, body: { value: rest } };
            const next = `${server.url}${request.path}?api-version=${request.query.get('api-version') ?? ''}&$skiptoken=2`;
            return { status: 200, body: { value: [first], nextLink: next } };
        }
        if (request.path === `/subscriptions/${SUBSCRIPTION_ID}/metrics:getBatch`) {
            if (throttled-- > 0) return { status: 429, headers: { 'Retry-After': '0' }, body: {} };
            const names = (request.query.get('metricnames') ?? '').split(',');
            const missing = names.find((name) => MISSING.has(name));
            if (missing) {
                const message = `Failed to find metric configuration for provider: Microsoft.CognitiveServices, resource Type: accounts, metric: ${missing}`;
                return { status: 400, body: { error: { code: 'BadRequest', message } } };
            }
            const group = METRIC_GROUPS.find((g) => names.every((name) => g.metrics.includes(name)));
            if (!group) return { status: 400, body: { error: { code: 'BadRequest', message: names.join() } } };
            const start = new Date(request.query.get('starttime') ?? '');
            const end = new Date(request.query.get('endtime') ?? '');
            // The scenario starts in October: earlier windows report the metrics without data.
            const from = start < OCTOBER ? OCTOBER : start;
            return { status: 200, body: metricsBody({ ...group, metrics: names }, from, end < from ? from : end) };
        }
        if (request.path.endsWith('/query')) {
            const { timespan } = JSON.parse(request.body) as { timespan: string };
            const [start = OCTOBER, end = OCTOBER] = timespan.split('/').map((time) => new Date(time));
            const from = start < OCTOBER ? OCTOBER : start;
            return { status: 200, body: consumersBody(from, end < from ? from : end) };
        }
        return { status: 404, body: { error: { code: 'NotFound', message: request.path } } };
    };
}
