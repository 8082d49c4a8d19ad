import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createBlobStore } from '../../src/adapters/blobStore';
import { createStorageClients } from '../../src/adapters/storageClients';
import type { ObjectStore } from '../../src/pipeline/ports';
import { anomalyLogLine } from '../../src/reports/anomalyLogLine';
import { computeInsights } from '../../src/reports/computeInsights';
import { insightsFileName } from '../../src/reports/insightsLayout';
import { type Azurite, startAzurite } from '../helpers/azurite';
import { runCli } from '../helpers/runCli';
import { sampleIngestion } from '../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../helpers/withConnection';

const SCOPE = 'providers/microsoft.billing/billingaccounts/81234567';
const MONTH = '2026-10';

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

describe('computeInsights over the blob store', () => {
    it('writes Anomalies and Forecasts Parquet and the report, and counts only anomalies not published before', async () => {
        await withConnection(async (connection, work) => {
            const first = await computeInsights({
                store,
                scope: SCOPE,
                month: MONTH,
                connection,
                workDir: join(work, '1'),
            });
            const cli = JSON.parse(
                (await runCli(['anomalies', ingestion, '--scope', SCOPE, '--month', MONTH, '--json'])).stdout,
            ) as {
                anomalies: { date: string; metric: string; actual: string; score: number }[];
            };
            const written = await rowsOf(
                connection,
                `select strftime(x_ChargeDate, '%Y-%m-%d') as date, x_Metric as metric, x_Actual::varchar as actual,
                    x_Score as score, x_Scope as scope, x_SourceRunId as run
                 from read_parquet(${quotedString(first.anomaliesParquet)}) order by all`,
            );
            expect(written.length).toBe(cli.anomalies.length);
            expect(written.length).toBeGreaterThan(0);
            expect(new Set(written.map((row) => `${String(row.scope)} ${String(row.run)}`))).toEqual(
                new Set([`${SCOPE} ${first.runId}`]),
            );
            const forecasts = await rowsOf(
                connection,
                `select x_Month as month, x_Dimensions as dimensions, x_MonthToDate::varchar as mtd, x_IntervalLevel as level
                 from read_parquet(${quotedString(first.forecastsParquet)}) where x_Dimensions = '{}'`,
            );
            expect(forecasts).toEqual([
                { month: MONTH, dimensions: '{}', mtd: expect.stringMatching(/^\d+\.\d+$/), level: 0.8 },
            ]);
            expect(first.summary).toEqual({
                scope: SCOPE,
                month: MONTH,
                newAnomalies: cli.anomalies.length,
                highestScore: Math.max(...cli.anomalies.map((a) => a.score)),
            });
            expect(first.logLine).toBe(anomalyLogLine(first.summary));
            expect(first.logLine).toMatch(
                new RegExp(`^Anomalies ${SCOPE} ${MONTH}: ${cli.anomalies.length} new, highest score \\d+\\.\\d{2}$`),
            );

            // The pipeline publishes the Anomalies; a recomputation of the same data finds nothing new.
            const folder = `Anomalies/2026/10/${SCOPE}`;
            const name = insightsFileName(first.runId, 'anomalies');
            await store.upload(first.anomaliesParquet, `${folder}/${name}`);
            await store.writeText(`${folder}/manifest.json`, JSON.stringify({ runId: first.runId, files: [{ name }] }));
            const again = await computeInsights({
                store,
                scope: SCOPE,
                month: MONTH,
                connection,
                workDir: join(work, '2'),
            });
            expect(again.summary).toMatchObject({ newAnomalies: 0, highestScore: null });
            expect(again.logLine).toBe(`Anomalies ${SCOPE} ${MONTH}: 0 new, highest score 0.00`);
        });
    });

    it('names the scope and month when nothing is published for them', async () => {
        await withConnection(async (connection, work) => {
            await expect(
                computeInsights({ store, scope: 'subscriptions/none', month: MONTH, connection, workDir: work }),
            ).rejects.toMatchObject({
                code: 'NoPublishedData',
                message: `No published AIUnitEconomics data for ${MONTH} of scope subscriptions/none in ingestion.`,
            });
        });
    });
});
