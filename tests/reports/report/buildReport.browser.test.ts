/// <reference lib="dom" />
// The page callbacks below run in the browser.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { quotedString } from '@duckdb/node-api';
import type { Browser } from 'playwright-core';

import { createFolderStore } from '../../../src/adapters/folderStore';
import { DEFAULT_ANOMALY_THRESHOLD } from '../../../src/config';
import { analyseSelection } from '../../../src/reports/analyseSelection';
import { anomaliesInsight } from '../../../src/reports/anomalies/anomaliesInsight';
import { resultOf } from '../../../src/reports/insight';
import { buildReport } from '../../../src/reports/report/buildReport';
import { figureFormat } from '../../../src/reports/report/formatFigures';
import { launchChromium } from '../../helpers/launchChromium';
import { runCli } from '../../helpers/runCli';
import { sampleIngestion } from '../../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../../helpers/withConnection';

const ARTEFACTS = join(__dirname, '..', '..', '..', 'test-artefacts');
const MONTH = '2026-10';

/** Files listed by every manifest.json of a dataset (the sample's scopes do not nest). */
function publishedFiles(ingestion: string, dataset: string): string {
    const files: string[] = [];
    const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (name === 'manifest.json') {
                const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: { name: string }[] };
                files.push(...manifest.files.map((file) => join(dir, file.name)));
            }
        }
    };
    walk(join(ingestion, dataset));
    return `read_parquet([${files.map((file) => quotedString(file)).join(', ')}], union_by_name = true)`;
}

/** Scope and month of every published folder of a dataset (each holds a manifest.json). */
function listManifests(root: string): { scope: string; month: string }[] {
    const found: { scope: string; month: string }[] = [];
    const walk = (folder: string): void => {
        for (const name of readdirSync(folder)) {
            const path = join(folder, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (name === 'manifest.json') {
                const [yyyy = '', mm = '', ...scope] = relative(root, folder).split(/[\\/]/);
                found.push({ scope: scope.join('/'), month: `${yyyy}-${mm}` });
            }
        }
    };
    walk(root);
    return found;
}

interface Shown {
    value: string | null;
    text: string;
}

describe('the sample report in a real browser', () => {
    let dir: string;
    let ingestion: string;
    let browser: Browser;

    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'hub-report-'));
        ingestion = await sampleIngestion(dir);
        browser = await launchChromium();
    });

    afterAll(async () => {
        await browser?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it('shows, with no network and no console error, the figures DuckDB computes from the Parquet', async () => {
        const out = join(dir, 'report.html');
        expect(await runCli(['report', ingestion, '--out', out])).toMatchObject({
            code: 0,
            stdout: `Report: ${out}\n`,
        });

        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(out).href);
        await page.waitForFunction(() => document.querySelectorAll('canvas').length === 3);
        mkdirSync(ARTEFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTEFACTS, 'report.png'), fullPage: true });
        await page.screenshot({
            path: join(ARTEFACTS, 'report-first-screen.png'),
            clip: { x: 0, y: 0, width: 1280, height: 1500 },
        });
        expect(errors).toEqual([]);
        expect(requests).toEqual([pathToFileURL(out).href]);
        // every chart was drawn: Chart.js sets a canvas size from its container
        const drawn = await page.$$eval('canvas', (canvases) => canvases.map((c) => c.width > 0 && c.height > 0));
        expect(drawn).toEqual([true, true, true]);
        // The headline counts the month's incidents, each listed with its top root causes.
        const cli = JSON.parse((await runCli(['anomalies', ingestion, '--json'])).stdout) as {
            incidents: { id: string }[];
        };
        expect(await page.$eval('#headline-incidents', (p) => p.getAttribute('data-value'))).toBe(
            String(cli.incidents.length),
        );
        expect(
            await page.$$eval('#incidents tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-incident'))),
        ).toEqual(cli.incidents.map((i) => i.id).reverse());
        expect(await page.$eval('#anomaly-days', (d) => (d as HTMLDetailsElement).open)).toBe(false);
        // Every folder of the freshness table says when it was published.
        const published = await page.$$eval('#freshness tbody tr td:last-child', (tds) =>
            tds.map((td) => td.textContent),
        );
        expect(published.length).toBeGreaterThan(0);
        expect(published.every((text) => /^\d{4}-\d{2}-\d{2}T/.test(text ?? ''))).toBe(true);

        const rowsOfTable = (id: string) =>
            page.$$eval(`#${id} tbody tr`, (trs) =>
                trs.map((tr) => ({
                    level: tr.getAttribute('data-level'),
                    group: tr.getAttribute('data-group'),
                    item: tr.getAttribute('data-item'),
                    valueOf: tr.getAttribute('data-value-of'),
                    label: tr.querySelector('th')?.textContent ?? '',
                    cells: Array.from(tr.querySelectorAll('td.num')).map((td) => ({
                        value: td.getAttribute('data-value'),
                        text: td.textContent ?? '',
                    })),
                })),
            );
        const f = figureFormat('USD');
        const expectShown = (shown: Shown | undefined, value: string | null, format: (v: string) => string) => {
            expect(shown?.value ?? null).toBe(value);
            if (value !== null) expect(shown?.text).toBe(format(value));
        };

        await withConnection(async (connection) => {
            const aiue = publishedFiles(ingestion, 'AIUnitEconomics');
            const costs = publishedFiles(ingestion, 'Costs');
            // Token-cost matrix, model → direction: the rows with counted tokens, as the tokens command defines them.
            const tokenRows = await rowsOf(
                connection,
                `with t as (
                    select x_ModelId as model,
                        case when x_TokenDirection = 'Output' then 'output'
                             when x_TokenDirection = 'Input' and x_CacheAction = 'Read' then 'cached input'
                             when x_TokenDirection = 'Input' and x_CacheAction = 'Write' then 'cache write'
                             when x_TokenDirection = 'Input' then 'input' else 'other' end as direction,
                        x_TokenCount as tokens, EffectiveCost as cost
                    from ${aiue}
                    where x_TokenCount is not null and strftime(x_ChargeDate, '%Y-%m') = '${MONTH}'
                )
                select model, direction, sum(tokens)::varchar as tokens, sum(cost)::varchar as cost,
                    (sum(cost) * 1000000 / nullif(sum(tokens), 0))::decimal(38, 6)::varchar as per_million,
                    round(100 * sum(cost) / (select sum(cost) from t), 1)::varchar as share
                from t group by all order by all`,
            );
            const shownTokens = await rowsOfTable('token-matrix');
            const items = shownTokens.filter((row) => row.level === '0');
            expect(items).toHaveLength(tokenRows.length);
            for (const row of tokenRows) {
                const shown = items.find((r) => r.group === row.model && r.item === row.direction);
                expectShown(shown?.cells[0], String(row.tokens), f.tokens);
                expectShown(shown?.cells[1], String(row.cost), f.money);
                expectShown(shown?.cells[2], String(row.per_million), (v) => f.unitPrice(v));
                expectShown(shown?.cells[3], String(row.share), (v) => f.share(v));
            }

            // The same tokens and cost by SKU meter category → subcategory, from Costs.
            const skuRows = await rowsOf(
                connection,
                `select x_SkuMeterCategory as category, x_SkuMeterSubcategory as subcategory,
                    sum(x_TokenCount)::varchar as tokens, sum(EffectiveCost)::varchar as cost
                 from ${costs}
                 where x_ModelId is not null and x_TokenCount is not null
                    and strftime(timezone('UTC', ChargePeriodStart)::date, '%Y-%m') = '${MONTH}'
                 group by all order by all`,
            );
            const shownSku = (await rowsOfTable('sku-matrix')).filter((row) => row.level === '0');
            expect(shownSku).toHaveLength(skuRows.length);
            for (const row of skuRows) {
                const shown = shownSku.find((r) => r.group === row.category && r.item === row.subcategory);
                expectShown(shown?.cells[0], String(row.tokens), f.tokens);
                expectShown(shown?.cells[1], String(row.cost), f.money);
            }
            const tokenTotal = shownTokens.find((row) => row.level === '2');
            const skuTotal = (await rowsOfTable('sku-matrix')).find((row) => row.level === '2');
            expect(skuTotal?.cells.slice(0, 2)).toEqual(tokenTotal?.cells.slice(0, 2));

            // Allocation by each tag, untagged included.
            for (const column of ['x_TagCostCenter', 'x_TagApplication', 'x_TagEnvironment']) {
                const expected = await rowsOf(
                    connection,
                    `select ${column} as value, sum(EffectiveCost)::varchar as cost
                     from ${aiue} where strftime(x_ChargeDate, '%Y-%m') = '${MONTH}' group by all`,
                );
                const shown = await rowsOfTable(`allocation-${column}`);
                expect(shown).toHaveLength(expected.length);
                for (const row of expected) {
                    const match = shown.find((r) => (r.valueOf || null) === row.value);
                    expect(match?.label).toBe(row.value ?? 'untagged');
                    expectShown(match?.cells[0], String(row.cost), f.money);
                }
            }

            // Headline, forecast month to date, and the daily spend chart's data.
            const [month] = await rowsOf(
                connection,
                `select sum(EffectiveCost)::varchar as cost from ${aiue} where strftime(x_ChargeDate, '%Y-%m') = '${MONTH}'`,
            );
            const headline = await page.$eval('#headline-cost', (p) => ({
                value: p.getAttribute('data-value'),
                text: p.textContent ?? '',
            }));
            expectShown(headline, String(month?.cost), f.money);
            const forecasts = await rowsOfTable('forecasts');
            expect(forecasts.find((r) => r.label === 'All AI')?.cells[0]?.value).toBe(
                String(month?.cost).replace(/\.?0+$/, ''),
            );
            const daily = await rowsOf(
                connection,
                `select strftime(x_ChargeDate, '%Y-%m-%d') as day, sum(EffectiveCost)::varchar as cost
                 from ${aiue} where x_ModelId = 'gpt-4o' group by all order by day`,
            );
            const chart = (await page.$eval('#report-data', (s) => JSON.parse(s.textContent ?? '{}') as unknown)) as {
                charts: Record<
                    string,
                    { config: { data: { labels: string[]; datasets: { label: string; data: unknown[] }[] } } }
                >;
            };
            const { labels, datasets } = chart.charts['chart-daily']!.config.data;
            const gpt4o = datasets.find((d) => d.label === 'gpt-4o');
            expect(daily.map((row) => gpt4o?.data[labels.indexOf(String(row.day))])).toEqual(
                daily.map((row) => row.cost),
            );
        });
        console.log(`Report screenshot: ${relative(process.cwd(), join(ARTEFACTS, 'report.png'))}`);
        await page.close();
    });
    it('renders every scope and month the sample has Costs for, with AI or without, with no console error', async () => {
        const selections = [
            ...new Set(
                listManifests(join(ingestion, 'Costs')).flatMap(({ scope, month }) => [
                    JSON.stringify({ scope, month }),
                    JSON.stringify({ month }),
                ]),
            ),
        ].map((text) => JSON.parse(text) as { scope?: string; month: string });
        const store = createFolderStore(ingestion);
        const seen = { ai: 0, none: 0 };
        for (const [n, selection] of selections.entries()) {
            const out = join(dir, `report-${n}.html`);
            const incidents = await withConnection(async (connection, work) => {
                const analysis = await analyseSelection(connection, store, selection, work, {
                    anomalyThreshold: DEFAULT_ANOMALY_THRESHOLD,
                });
                writeFileSync(
                    out,
                    await buildReport(connection, store, analysis, { ...selection, scratchDir: work }),
                    'utf8',
                );
                return resultOf(analysis, anomaliesInsight).incidents.length;
            });
            const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
            const errors: string[] = [];
            const requests: string[] = [];
            page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
            page.on('pageerror', (error) => errors.push(error.message));
            page.on('request', (request) => requests.push(request.url()));
            await page.goto(pathToFileURL(out).href);
            const withAi = (await page.$('#no-ai')) === null;
            const canvases = await page.$$eval('canvas', (list) => list.map((c) => c.width > 0 && c.height > 0));
            expect({ selection, errors, requests, canvases }).toEqual({
                selection,
                errors: [],
                requests: [pathToFileURL(out).href],
                canvases: withAi ? [true, true, true] : [],
            });
            if (withAi) {
                expect(await page.$eval('#headline-incidents', (p) => p.getAttribute('data-value'))).toBe(
                    String(incidents),
                );
                expect(await page.$('#headline-cost')).not.toBeNull();
            } else {
                expect(await page.$eval('#no-ai', (p) => p.textContent)).toMatch(/^No AI cost in /);
            }
            seen[withAi ? 'ai' : 'none']++;
            await page.close();
        }
        // The sample has both: scopes with AI cost, and legacy EA and MCA scopes without.
        expect(seen.ai).toBeGreaterThan(0);
        expect(seen.none).toBeGreaterThan(0);
    });
});
