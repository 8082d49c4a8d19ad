import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { quotedIdentifier, quotedString } from '@duckdb/node-api';

import { datasetFor } from '../../src/focus/datasets/registry';
import { manifestFiles, readFolderManifest } from '../../src/focus/folderManifest';
import type { SampleRun } from '../../src/sample/generateSampleTree';
import type { LegacySampleMonth } from '../../src/sample/legacy/generateLegacySample';
import { listFiles } from '../helpers/listFiles';
import { readSampleRuns, sampleIngestion } from '../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../helpers/withConnection';

describe('the bundled sample, end to end', () => {
    let dir: string;
    let sample: SampleRun[];
    let legacy: LegacySampleMonth[];
    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'hub-sample-'));
        // Processed as `npm start` processes it (FOCUS validation as configured); every run must succeed.
        await sampleIngestion(dir);
        ({ runs: sample, legacy } = readSampleRuns(dir));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('publishes the latest run of every dataset, scope and month with rows and totals equal to the input (legacy costs: composed)', async () => {
        const latest = sample.filter((run) => run.latest && run.totals.rows > 0);
        const datasets = [...new Set(latest.map((run) => datasetOf(run).name))].sort();
        expect(datasets).toEqual(['CommitmentDiscountUsage', 'Costs', 'Prices', 'Recommendations', 'Transactions']);
        await withConnection(async (connection) => {
            for (const name of datasets) {
                const runs = latest.filter((run) => datasetOf(run).name === name);
                const totals = datasetOf(runs[0] as SampleRun).totals;
                const sums = totals.map((c) => `sum(${quotedIdentifier(c)})::varchar as ${quotedIdentifier(c)}`);
                const files = quotedString(join(dir, `ingestion/${name}/**/*.parquet`));
                const published = await rowsOf(
                    connection,
                    `select month, scope, count(*)::int as rows ${sums.map((s) => `, ${s}`).join('')}
                     from (select regexp_replace(regexp_extract(filename, '${name}/(\\d{4}/\\d{2})/', 1), '/', '-')
                                      as month,
                                  regexp_extract(filename, '${name}/\\d{4}/\\d{2}/(.*)/[^/]+$', 1) as scope, *
                           from read_parquet(${files}, filename = true, union_by_name = true))
                     group by all order by all`,
                );
                const expected = runs
                    .map((run) => ({
                        month: run.month,
                        scope:
                            run.scope.toLowerCase().replace(/^\//, '') +
                            (name === 'Recommendations' ? run.exportName : ''),
                        rows: run.totals.rows,
                        ...Object.fromEntries(totals.map((c) => [c, normalise(run.totals.sums[c] ?? '')])),
                    }))
                    .concat(name === 'Costs' ? legacy.map(composedMonth) : [])
                    .sort((a, b) => a.month.localeCompare(b.month) || a.scope.localeCompare(b.scope));
                expect(
                    published.map((r) =>
                        Object.fromEntries(
                            Object.entries(r).map(([k, v]) => [k, totals.includes(k) ? normalise(String(v)) : v]),
                        ),
                    ),
                ).toEqual(expected);
            }
            const [filled] = await rowsOf(
                connection,
                `select count(*) filter (where x_SourceChanges like '%PricesFromPriceSheet%')::int as filled,
                        count(*) filter (where ChargeCategory = 'Usage' and EffectiveCost <> 0 and ListUnitPrice = 0
                            and strftime(ChargePeriodStart, '%Y-%m') in ('2026-08', '2026-09'))::int as unfilled,
                        -- the generator bills pay-as-you-go rows at the contracted price: the filled cost is the same
                        count(*) filter (where x_SourceChanges like '%PricesFromPriceSheet%'
                            and (ContractedCost <> BilledCost or ListCost < ContractedCost))::int as wrong
                 from read_parquet(${quotedString(join(dir, 'ingestion/Costs/**/*.parquet'))})`,
            );
            // Every cost row the sample writes without prices in a month with a price sheet is filled.
            expect(filled).toEqual({ filled: 156, unfilled: 0, wrong: 0 });
        });
    });

    it('counts each folder manifest by the currency its files hold, for every dataset that has one', async () => {
        const ingestion = join(dir, 'ingestion');
        // Published folders only: not the retired ones, nor staging.
        const manifests = listFiles(ingestion).filter(
            (f) => f.endsWith('/manifest.json') && !relative(ingestion, f).startsWith('_'),
        );
        const checked = new Set<string>();
        await withConnection(async (connection) => {
            for (const name of manifests) {
                const folder = dirname(name);
                const manifest = readFolderManifest(readFileSync(name, 'utf8'), name);
                const files = manifest.files.map((file) => quotedString(join(folder, file.name))).join(', ');
                const [columns] = await rowsOf(
                    connection,
                    `select list(column_name) as names from (describe select * from read_parquet([${files}]))`,
                );
                if (!(columns?.names as string[]).includes('BillingCurrency')) continue;
                checked.add(String(manifest.dataset));
                const held = await rowsOf(
                    connection,
                    `select BillingCurrency as currency, count(*)::int as rows from read_parquet([${files}])
                     group by all order by all`,
                );
                const listed: Record<string, number> = {};
                for (const { totals } of manifestFiles(manifest)) {
                    for (const { currency, rows } of totals.byCurrency ?? [{ currency: null, rows: totals.rows }])
                        if (rows > 0) listed[String(currency)] = (listed[String(currency)] ?? 0) + rows;
                }
                const expected = Object.fromEntries(held.map((r) => [String(r.currency), r.rows as number]));
                expect([name, listed]).toEqual([name, expected]);
            }
        });
        expect([...checked].sort()).toEqual(
            expect.arrayContaining([
                'AIAccountCosts',
                'AIUnitEconomics',
                'Anomalies',
                'Costs',
                'Forecasts',
                'Transactions',
            ]),
        );
    });
});

const datasetOf = (run: SampleRun) => datasetFor({ type: run.type, dataVersion: run.dataVersion }, run.manifestName);
const normalise = (v: string) => v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** A legacy sample month as its Costs folder publishes it: actual and amortized runs composed. */
const composedMonth = (month: LegacySampleMonth) => ({
    month: month.month,
    scope: month.scope.toLowerCase().replace(/^\//, ''),
    rows: month.published.rows,
    BilledCost: normalise(month.published.sums.BilledCost ?? ''),
    EffectiveCost: normalise(month.published.sums.EffectiveCost ?? ''),
});
