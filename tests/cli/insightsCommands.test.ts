import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from '../helpers/runCli';
import { sampleIngestion } from '../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../helpers/withConnection';

const DIMENSION_COLUMNS = [
    'x_ModelId',
    'x_TokenDirection',
    'x_DeploymentType',
    'x_TagCostCenter',
    'x_TagApplication',
    'x_TagEnvironment',
];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const SUBSCRIPTION = 'subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';

let dir: string;
let ingestion: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-insights-cli-'));
    ingestion = await sampleIngestion(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finops-hub anomalies, forecast and views', () => {
    it('anomalies --json prints incidents with root causes, then their days, amounts as decimal text', async () => {
        const result = await runCli(['anomalies', ingestion, '--scope', SUBSCRIPTION, '--month', '2026-09', '--json']);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        const { incidents, anomalies } = JSON.parse(result.stdout) as {
            incidents: Record<string, unknown>[];
            anomalies: Record<string, unknown>[];
        };
        // The sample's September: the research team's evaluation run, gpt-5 output five times a normal day.
        expect(incidents).toEqual([
            {
                id: expect.stringMatching(/^2026-09-16-[0-9a-f]{8}$/),
                start: '2026-09-16',
                end: '2026-09-16',
                kind: 'spike',
                metric: 'EffectiveCost',
                impact: expect.stringMatching(DECIMAL),
                peakScore: expect.any(Number),
                rootCauses: [
                    {
                        dimensions: { x_ModelId: 'gpt-5', x_TokenDirection: 'Output', x_DeploymentType: 'Global' },
                        impact: incidents[0]?.impact,
                        share: 1,
                    },
                ],
            },
        ]);
        expect(anomalies.length).toBeGreaterThan(0);
        for (const a of anomalies) {
            expect(Object.keys(a)).toEqual([
                'date',
                'metric',
                'dimensions',
                'actual',
                'expected',
                'lower',
                'upper',
                'score',
                'direction',
                'incident',
            ]);
            expect(a).toMatchObject({
                date: '2026-09-16',
                metric: 'EffectiveCost',
                actual: expect.stringMatching(DECIMAL),
                expected: expect.stringMatching(DECIMAL),
                lower: expect.stringMatching(DECIMAL),
                upper: expect.stringMatching(DECIMAL),
                score: expect.any(Number),
                direction: 'spike',
                incident: incidents[0]?.id,
            });
            expect(DIMENSION_COLUMNS).toEqual(expect.arrayContaining(Object.keys(a.dimensions as object)));
            expect(Number(a.score)).toBeGreaterThanOrEqual(6);
        }
        const table = await runCli(['anomalies', ingestion, '--scope', SUBSCRIPTION, '--month', '2026-09']);
        expect(table.stdout.split('\n').slice(0, 3)).toEqual([
            expect.stringMatching(/^start +end +kind +metric +impact +score +incident$/),
            expect.stringMatching(
                /^2026-09-16 +2026-09-16 +spike +cost +\d+\.\d+ +\d+\.\d{2} +2026-09-16-[0-9a-f]{8}$/,
            ),
            expect.stringMatching(/^ {2}gpt-5 · Output · Global +\d+\.\d+ +100\.0 %$/),
        ]);
    });

    it('forecast --json gives month to date exactly, overall and per model; a closed month forecasts its total', async () => {
        const result = await runCli(['forecast', ingestion, '--scope', SUBSCRIPTION, '--month', '2026-09', '--json']);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        const { forecasts } = JSON.parse(result.stdout) as { forecasts: Record<string, unknown>[] };
        const overall = forecasts.find((f) => Object.keys(f.dimensions as object).length === 0);
        await withConnection(async (connection) => {
            const [month] = await rowsOf(
                connection,
                `select sum(EffectiveCost)::decimal(38, 18)::varchar as cost from read_parquet('${ingestion}/AIUnitEconomics/2026/09/${SUBSCRIPTION}/*.parquet')`,
            );
            expect(overall?.monthToDate).toBe(String(month?.cost).replace(/\.?0+$/, ''));
        });
        for (const f of forecasts) {
            expect(Object.keys(f)).toEqual([
                'month',
                'dimensions',
                'monthToDate',
                'forecast',
                'lower',
                'upper',
                'closed',
            ]);
            // September is over: its forecast is its total, exactly.
            expect(f).toMatchObject({
                forecast: f.monthToDate,
                lower: f.monthToDate,
                upper: f.monthToDate,
                closed: true,
            });
            expect(Object.keys(f.dimensions as object)).toEqual(
                Object.keys(f.dimensions as object).length === 0 ? [] : ['x_ModelId'],
            );
            expect(Number(f.lower)).toBeLessThanOrEqual(Number(f.forecast));
            expect(Number(f.forecast)).toBeLessThanOrEqual(Number(f.upper));
        }
    });

    it('views prints SQL that DuckDB runs over exactly the published files', async () => {
        const result = await runCli(['views', ingestion]);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        await withConnection(async (connection) => {
            await connection.run(result.stdout);
            const [counts] = await rowsOf(
                connection,
                `select (select count(*) from costs)::int as costs, (select count(*) from ai_unit_economics)::int as ai,
                    (select count(*) from anomalies)::int as anomalies, (select count(*) from forecasts)::int as forecasts,
                    (select count(*) from prices)::int as prices,
                    (select count(*) from commitment_discount_usage)::int as commitment_discount_usage,
                    (select count(*) from recommendations)::int as recommendations,
                    (select count(*) from transactions)::int as transactions`,
            );
            // The sample's scopes do not nest, so every published file is read: the same rows as a glob per dataset.
            const [globbed] = await rowsOf(
                connection,
                `select ${[
                    'Costs',
                    'AIUnitEconomics',
                    'Anomalies',
                    'Forecasts',
                    'Prices',
                    'CommitmentDiscountUsage',
                    'Recommendations',
                    'Transactions',
                ]
                    .map((d) => `(select count(*) from read_parquet('${ingestion}/${d}/**/*.parquet'))::int`)
                    .join(', ')}`,
            );
            expect(Object.values(counts ?? {})).toEqual(Object.values(globbed ?? {}));
            expect(counts?.anomalies).toBeGreaterThan(0);
            expect(counts?.prices).toBeGreaterThan(0);
            const columns = await rowsOf(connection, `select column_name from (describe anomalies)`);
            expect(columns.map((c) => c.column_name)).toEqual(
                expect.arrayContaining(['x_Score', 'x_IncidentId', 'x_RootCauses']),
            );
        });
        const remote = await runCli(['views', ingestion, '--prefix', 'az://hubdata/ingestion/']);
        expect(remote.stdout).toContain(`'az://hubdata/ingestion/Costs/2026/09/${SUBSCRIPTION}/`);
    });

    it('usage errors exit with 2', async () => {
        expect(await runCli(['anomalies', ingestion, '--month', '2026-13'])).toMatchObject({
            code: 2,
            stderr: 'finops-hub anomalies: --month must be YYYY-MM, got "2026-13".\n',
        });
        expect(await runCli(['forecast', '/no/such/folder'])).toMatchObject({
            code: 2,
            stderr: 'finops-hub forecast: No published AIUnitEconomics data in /no/such/folder.\n',
        });
        expect(await runCli(['report', ingestion, '--out', join(dir, 'r.html'), '--month', '2025-01'])).toMatchObject({
            code: 2,
            stderr: `finops-hub report: No published AIUnitEconomics data for 2025-01 in ${ingestion}.\n`,
        });
        const mistyped = await runCli(['anomalies', ingestion, '--scope', 'subscriptions/nonexistent']);
        expect(mistyped).toMatchObject({ code: 2 });
        expect(mistyped.stderr).toContain(`Scopes with data: `);
        expect(mistyped.stderr).toContain(SUBSCRIPTION);
    });

    it('names a damaged published file with its code, and reads the other scopes with --scope', async () => {
        const copy = join(dir, 'damaged');
        cpSync(ingestion, copy, { recursive: true });
        const folder = join(copy, 'AIUnitEconomics', '2026', '09', ...SUBSCRIPTION.split('/'));
        const file = readdirSync(folder).find((name) => name.endsWith('.parquet')) ?? '';
        writeFileSync(join(folder, file), 'garbage');
        const all = await runCli(['anomalies', copy, '--month', '2026-09']);
        expect(all.code).toBe(1);
        expect(all.stderr).toContain(
            `finops-hub: PublishedFileInvalid: Published file AIUnitEconomics/2026/09/${SUBSCRIPTION}/${file} in ${copy} is not a Parquet file`,
        );
        const other = await runCli([
            'anomalies',
            copy,
            '--month',
            '2026-09',
            '--scope',
            'providers/microsoft.billing/billingaccounts/81234567',
        ]);
        expect(other).toMatchObject({ code: 0, stderr: '' });
    });
});
