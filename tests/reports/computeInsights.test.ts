import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createStorageClients } from '../../src/adapters/storageClients';
import { DEFAULT_ANOMALY_THRESHOLD } from '../../src/config';
import type { ObjectStore } from '../../src/pipeline/ports';
import { computeInsights } from '../../src/reports/computeInsights';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { runCli } from '../helpers/runCli';
import { sampleIngestion } from '../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../helpers/withConnection';

const SCOPE = 'providers/microsoft.billing/billingaccounts/81234567';
const MONTH = '2026-10';
/** The sample's October billing-account run, the AIUnitEconomics run the insights are computed from. */
const SOURCE_RUN = '00000016-5a4d-4e1f-9c3b-000000202610';

let azurite: Azurite | undefined;
let dir: string;
let ingestion: string;
let store: ObjectStore;

/** Uploads a local ingestion folder (published datasets only) into a fresh blob container. */
async function uploadIngestion(): Promise<ObjectStore> {
    const service = createStorageClients({ connectionString: azurite?.connectionString }).blobService();
    const container = service.getContainerClient('ingestion');
    await container.create();
    const blobs = createBlobStore(container);
    const walk = async (folder: string): Promise<void> => {
        for (const name of readdirSync(folder)) {
            const path = join(folder, name);
            if (statSync(path).isDirectory()) await walk(path);
            else await blobs.upload(path, relative(ingestion, path).split('\\').join('/'));
        }
    };
    for (const dataset of ['Costs', 'AIUnitEconomics']) await walk(join(ingestion, dataset));
    return blobs;
}

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-insights-'));
    [azurite, ingestion] = await Promise.all([startAzurite(), sampleIngestion(dir)]);
    store = await uploadIngestion();
});

afterAll(async () => {
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
});

const SETTINGS = { anomalyThreshold: DEFAULT_ANOMALY_THRESHOLD };
const RUN = 'publishing-run';

describe('computeInsights over the blob store', () => {
    it('writes each insight dataset and the report, and announces only incidents not published before', async () => {
        await withConnection(async (connection, work) => {
            const request = { store, scope: SCOPE, month: MONTH, runId: RUN, connection };
            const first = await computeInsights({ ...request, workDir: join(work, '1') }, SETTINGS);
            expect(first.files.map((f) => [f.dataset, f.name])).toEqual([
                ['Anomalies', `${RUN}__anomalies.parquet`],
                ['Forecasts', `${RUN}__forecasts.parquet`],
            ]);
            expect(first.documents.map((d) => [d.name, d.contentType])).toEqual([
                [`Reports/2026/10/${SCOPE}/ai-insights.html`, 'text/html; charset=utf-8'],
            ]);
            const cli = JSON.parse(
                (await runCli(['anomalies', ingestion, '--scope', SCOPE, '--month', MONTH, '--json'])).stdout,
            ) as {
                incidents: {
                    id: string;
                    impact: string;
                    start: string;
                    kind: string;
                    rootCauses: { dimensions: object }[];
                }[];
                anomalies: { date: string; incident: string }[];
            };
            // The sample's injected events, each one incident named by its own series (docs/insights.md): a migration
            // seen in two models' series is one incident named by the tags that hold both.
            const model = (x_ModelId: string, x_TokenDirection: string) => ({
                x_ModelId,
                x_TokenDirection,
                x_DeploymentType: 'Global',
            });
            expect(cli.incidents.map((i) => [i.start, i.kind, i.rootCauses[0]?.dimensions])).toEqual([
                ['2026-10-07', 'spike', model('gpt-4.1', 'Output')],
                ['2026-10-14', 'spike', model('text-embedding-3-large', 'Input')],
                ['2026-10-20', 'levelShift', { x_TagCostCenter: '3310', x_TagEnvironment: 'prod' }],
                ['2026-10-20', 'levelShift', { x_TagEnvironment: 'test' }],
                ['2026-10-21', 'levelShift', model('gpt-4o', 'Input')],
                ['2026-10-28', 'drop', { x_TagApplication: 'chat' }],
            ]);
            const anomaliesFile = first.files[0]?.path ?? '';
            const written = await rowsOf(
                connection,
                `select strftime(x_ChargeDate, '%Y-%m-%d') as date, x_IncidentId as incident,
                    x_IncidentImpact::varchar as impact, x_Scope as scope, x_SourceRunId as run
                 from read_parquet(${quotedString(anomaliesFile)}) order by all`,
            );
            expect(written.length).toBe(cli.anomalies.length);
            expect(cli.incidents.length).toBeGreaterThan(0);
            expect(new Set(written.map((row) => row.incident))).toEqual(new Set(cli.incidents.map((i) => i.id)));
            for (const incident of cli.incidents) {
                const rows = written.filter((row) => row.incident === incident.id);
                expect(rows.every((row) => Number(row.impact) === Number(incident.impact))).toBe(true);
            }
            expect(new Set(written.map((row) => `${String(row.scope)} ${String(row.run)}`))).toEqual(
                new Set([`${SCOPE} ${SOURCE_RUN}`]),
            );
            const forecasts = await rowsOf(
                connection,
                `select x_Month as month, x_Dimensions as dimensions, x_MonthToDate::varchar as mtd,
                    x_Forecast::varchar as total, x_IntervalLevel as level, x_MonthClosed as closed
                 from read_parquet(${quotedString(first.files[1]?.path ?? '')}) where x_Dimensions = '{}'`,
            );
            // The sample's October runs through its last day: the month is closed, its "forecast" is its total.
            expect(forecasts).toEqual([
                {
                    month: MONTH,
                    dimensions: '{}',
                    mtd: expect.stringMatching(/^\d+\.\d+$/),
                    total: forecasts[0]?.mtd,
                    level: 0.8,
                    closed: true,
                },
            ]);
            const lines = cli.incidents.map((i): unknown =>
                expect.stringMatching(new RegExp(`^Incident ${SCOPE} ${MONTH} ${i.id}: `)),
            );
            expect(first.logLines).toEqual([
                ...lines,
                `Insights ${SCOPE} ${MONTH}: ${cli.incidents.length} incident(s), ${cli.incidents.length} new.`,
            ]);

            // The pipeline publishes the Anomalies; a recomputation of the same data announces nothing new.
            const folder = `Anomalies/2026/10/${SCOPE}`;
            await store.upload(anomaliesFile, `${folder}/${RUN}__anomalies.parquet`);
            await store.writeText(
                `${folder}/manifest.json`,
                JSON.stringify({ runId: RUN, files: [{ name: `${RUN}__anomalies.parquet` }] }),
            );
            const again = await computeInsights({ ...request, workDir: join(work, '2') }, SETTINGS);
            expect(again.logLines).toEqual([`Insights ${SCOPE} ${MONTH}: ${cli.incidents.length} incident(s), 0 new.`]);
        });
    });

    it('names the scope and month when nothing is published for them', async () => {
        await withConnection(async (connection, work) => {
            await expect(
                computeInsights(
                    { store, scope: 'subscriptions/none', month: MONTH, runId: RUN, connection, workDir: work },
                    SETTINGS,
                ),
            ).rejects.toMatchObject({
                code: 'NoPublishedData',
                message: `No published AIUnitEconomics data for ${MONTH} of scope subscriptions/none in ingestion.`,
            });
        });
    });
});
