import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import {
    batchBody,
    deploymentsPage,
    metric,
    singleBody,
    TEST_SUBSCRIPTION,
    writeTelemetryFolder,
} from '../helpers/telemetryFolders';
import { rowsOf, withConnection } from '../helpers/withConnection';

// Telemetry folders processed through the one pipeline every export takes (plan, DuckDB, Parquet, publish, run
// record), on the folder store: hostile and quirky landed files each get a code or a flag, and nothing is lost.

const SCOPE = `subscriptions/${TEST_SUBSCRIPTION}`;
let dir: string;
const exportsDir = () => join(dir, 'msexports');
const ingestion = () => join(dir, 'ingestion');
const run = async () =>
    (await processExports(createLocalDeps(exportsDir(), ingestion(), join(ingestion(), '.finops-hub'), () => {}))).runs;
const hour = (h: number, values: Record<string, number>) => ({
    timeStamp: new Date(Date.UTC(2026, 9, 1, h)).toISOString().replace('.000Z', 'Z'),
    ...values,
});
const page = deploymentsPage([
    { name: 'chat-ptu', sku: 'GlobalProvisionedManaged', capacity: 50 },
    { name: 'chat-std', sku: 'GlobalStandard', capacity: 100 },
]);

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-telemetry-runs-'));
    Object.assign(process.env, { HUB_VALIDATION: 'off', HUB_INSIGHTS: 'off' });
});
afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.HUB_VALIDATION;
    delete process.env.HUB_INSIGHTS;
});

describe('telemetry folders as runs', () => {
    it('fails each hostile folder with a code and publishes nothing of it', async () => {
        const folders = {
            outside: writeTelemetryFolder(exportsDir(), 'telemetry/bad/outside', [
                { name: '../../secret.json', kind: 'metrics', body: {} },
            ]),
            truncated: writeTelemetryFolder(exportsDir(), 'telemetry/bad/truncated', [
                { name: 'deployments-0001.json', kind: 'deployments', body: JSON.stringify(page).slice(0, 120) },
            ]),
            errorBody: writeTelemetryFolder(exportsDir(), 'telemetry/bad/error-body', [
                {
                    name: 'metrics-0001.json',
                    kind: 'metrics',
                    body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization' } },
                },
            ]),
            twoMonths: writeTelemetryFolder(exportsDir(), 'telemetry/bad/two-months', [], {
                start: '2026-09-30T00:00:00Z',
                end: '2026-10-02T00:00:00Z',
            }),
            noConsumerColumn: writeTelemetryFolder(exportsDir(), 'telemetry/bad/no-consumer', [
                {
                    name: 'consumers-0001.json',
                    kind: 'consumers',
                    body: {
                        tables: [
                            { name: 'PrimaryResult', columns: [{ name: 'timestamp' }, { name: 'value' }], rows: [] },
                        ],
                    },
                },
            ]),
            csv: writeTelemetryFolder(exportsDir(), 'telemetry/bad/csv', [
                { name: 'metrics.csv', kind: 'metrics', body: 'a,b\n' },
            ]),
        };
        const runs = await run();
        const outcome = (manifest: string) => {
            const found = runs.find((r) => r.manifest === manifest)?.run;
            return [found?.status, found?.errorCode];
        };
        expect(outcome(folders.outside)).toEqual(['failed', 'BlobOutsideContainer']);
        expect(outcome(folders.truncated)).toEqual(['failed', 'PartCorrupt']);
        expect(outcome(folders.errorBody)).toEqual(['failed', 'TelemetryErrorBody']);
        expect(runs.find((r) => r.manifest === folders.errorBody)?.run.error).toContain('AuthorizationFailed');
        expect(outcome(folders.twoMonths)).toEqual(['failed', 'ManifestInvalid']);
        expect(outcome(folders.noConsumerColumn)).toEqual(['failed', 'SchemaMismatch']);
        expect(outcome(folders.csv)).toEqual(['failed', 'UnsupportedFileType']);
        expect(() => readFileSync(join(ingestion(), 'AITelemetry', '2026', '10', SCOPE, 'manifest.json'))).toThrow();
        rmSync(join(exportsDir(), 'telemetry', 'bad'), { recursive: true });
    });

    it('reads both metrics APIs, dimension names in any case, the older token metrics, and keeps metric errors', async () => {
        const good = writeTelemetryFolder(exportsDir(), 'telemetry/good', [
            { name: 'deployments-0001.json', kind: 'deployments', body: page },
            {
                name: 'metrics-0001.json',
                kind: 'metrics',
                body: batchBody([
                    metric('InputTokens', [
                        {
                            dimensions: { modeldeploymentname: 'chat-ptu', modelname: 'gpt-4o' },
                            points: [hour(0, { total: 1000 })],
                        },
                        {
                            dimensions: { ModelDeploymentName: 'chat-std', ModelName: 'gpt-4o' },
                            points: [hour(0, { total: 300 })],
                        },
                    ]),
                    metric('ModelRequests', [], 'ResourceNotFound'),
                ]),
            },
            {
                name: 'metrics-0002.json',
                kind: 'metrics',
                body: singleBody([
                    metric('OutputTokens', [
                        { dimensions: { MODELDEPLOYMENTNAME: 'chat-ptu' }, points: [hour(1, { total: 40 })] },
                    ]),
                ]),
            },
        ]);
        const runs = await run();
        expect(runs.find((r) => r.manifest === good)?.run).toMatchObject({
            status: 'succeeded',
            dataset: 'AITelemetry',
        });
        const usage = await withConnection((connection) =>
            rowsOf(
                connection,
                `select x_DeploymentName as deployment, x_TokenDirection as direction, sum(x_TokenCount)::int as tokens
                 from read_parquet(${quotedString(join(ingestion(), 'AITokenUsage', '**', '*.parquet'))})
                 group by all order by all`,
            ),
        );
        expect(usage).toEqual([
            { deployment: 'chat-ptu', direction: 'Input', tokens: 1000 },
            { deployment: 'chat-ptu', direction: 'Output', tokens: 40 },
            { deployment: 'chat-std', direction: 'Input', tokens: 300 },
        ]);
        const errors = await withConnection((connection) =>
            rowsOf(
                connection,
                `select x_MetricName as metric, x_ErrorCode as code
                 from read_parquet(${quotedString(join(ingestion(), 'AITelemetry', '**', '*.parquet'))})
                 where x_RecordType = 'Error'`,
            ),
        );
        expect(errors).toEqual([{ metric: 'ModelRequests', code: 'ResourceNotFound' }]);
    });

    it('keeps what is published when a later folder of the month is bad', async () => {
        const later = writeTelemetryFolder(
            exportsDir(),
            'telemetry/later-truncated',
            [{ name: 'deployments-0001.json', kind: 'deployments', body: '{"value": [' }],
            { pulledAt: '2026-10-04T02:00:00Z' },
        );
        const runs = await run();
        const failed = runs.find((r) => r.manifest === later)?.run;
        expect([failed?.status, failed?.errorCode]).toEqual(['failed', 'PartCorrupt']);
        const manifest = JSON.parse(
            readFileSync(join(ingestion(), 'AITelemetry', '2026', '10', SCOPE, 'manifest.json'), 'utf8'),
        ) as { runId: string };
        expect(manifest.runId).toBe('telemetry-good');
    });

    it('uses ProcessedPromptTokens and GeneratedTokens for an account that reports only those', async () => {
        rmSync(join(exportsDir(), 'telemetry', 'later-truncated'), { recursive: true });
        const legacy = writeTelemetryFolder(
            exportsDir(),
            'telemetry/legacy',
            [
                { name: 'deployments-0001.json', kind: 'deployments', body: page },
                {
                    name: 'metrics-0001.json',
                    kind: 'metrics',
                    body: batchBody([
                        metric('ProcessedPromptTokens', [
                            { dimensions: { modeldeploymentname: 'chat-std' }, points: [hour(2, { total: 77 })] },
                        ]),
                        metric('GeneratedTokens', [
                            { dimensions: { modeldeploymentname: 'chat-std' }, points: [hour(2, { total: 11 })] },
                        ]),
                    ]),
                },
            ],
            { pulledAt: '2026-10-05T02:00:00Z' },
        );
        expect((await run()).find((r) => r.manifest === legacy)?.run.status).toBe('succeeded');
        const usage = await withConnection((connection) =>
            rowsOf(
                connection,
                `select x_TokenDirection as direction, x_ModelName as model, sum(x_TokenCount)::int as tokens
                 from read_parquet(${quotedString(join(ingestion(), 'AITokenUsage', '**', '*.parquet'))})
                 group by all order by all`,
            ),
        );
        // The model comes from the inventory: those metrics have no ModelName dimension.
        expect(usage).toEqual([
            { direction: 'Input', model: 'gpt-4o', tokens: 77 },
            { direction: 'Output', model: 'gpt-4o', tokens: 11 },
        ]);
    });
});
