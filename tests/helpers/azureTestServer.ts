import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { TokenCredential } from '@azure/core-auth';

/** A request the server received. */
export interface ReceivedRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    body: string;
}

/** An answer: status, headers and a body (an object is sent as JSON). */
export interface Answer {
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
}

export interface AzureTestServer {
    /** `https://127.0.0.1:<port>` */
    url: string;
    /** The certificate to trust (`tlsOptions.ca`). */
    ca: string;
    requests: ReceivedRequest[];
    close(): Promise<void>;
}

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'tls', name), 'utf8');

/**
 * A real HTTPS server on an ephemeral port that answers the Azure SDKs with the documented response bodies `route`
 * gives (ARM, Azure Monitor metrics, Logs), and records every request. HTTPS because the SDKs' bearer-token policy
 * refuses plain http; the certificate is a test-only fixture (tests/fixtures/tls).
 */
export async function startAzureTestServer(
    route: (request: ReceivedRequest, server: { url: string }) => Answer,
): Promise<AzureTestServer> {
    const requests: ReceivedRequest[] = [];
    const ca = fixture('localhost.crt');
    let url = '';
    const server: Server = createServer({ key: fixture('localhost.key'), cert: ca }, (incoming, response) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
            // Logs resource queries expand `/{+resourceId}/query` into a path with a doubled slash.
            const parsed = new URL((incoming.url ?? '/').replace(/^\/+/, '/').replace(/\/\/+/g, '/'), url);
            const request = {
                method: incoming.method ?? 'GET',
                path: decodeURIComponent(parsed.pathname),
                query: parsed.searchParams,
                body: Buffer.concat(chunks).toString('utf8'),
            };
            requests.push(request);
            let answer: Answer;
            try {
                answer = route(request, { url });
            } catch (error) {
                answer = { status: 500, body: { error: { code: 'TestRoute', message: String(error) } } };
            }
            const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
            response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
            response.end(text);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        url,
        ca,
        requests,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/**
 * The one fake in these tests: a credential that hands out a fixed token, because no Microsoft Entra ID can be reached
 * here. Everything after it (the SDK clients, their pipelines, retries and paging) is the real code.
 */
export const testCredential: TokenCredential = {
    getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};
