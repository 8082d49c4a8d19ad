import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { processExports } from '../../src/pipeline/processExports';
import { generateSampleTree, SampleRun } from '../../src/sample/generateSampleTree';
import { generateLegacySample, type LegacySampleMonth } from '../../src/sample/legacy/generateLegacySample';
import { rowsOf, withConnection } from '../helpers/withConnection';

describe('the bundled sample, end to end', () => {
    let dir: string;
    let sample: SampleRun[];
    let legacy: LegacySampleMonth[];
    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'hub-sample-'));
        sample = await withConnection((connection) => generateSampleTree(connection, join(dir, 'msexports')));
        legacy = generateLegacySample(join(dir, 'msexports'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('publishes the latest run of every scope and month with rows and costs equal to the input (legacy: composed)', async () => {
        const { runs: results } = await processExports(
            createLocalDeps(join(dir, 'msexports'), join(dir, 'ingestion'), join(dir, 'state'), () => {}),
        );
        expect(results.filter((r) => r.run.status === 'failed')).toEqual([]);
        await withConnection(async (connection) => {
            const published = await rowsOf(
                connection,
                `select month, scope, count(*)::int as rows, sum(BilledCost)::varchar as billed,
                        sum(EffectiveCost)::varchar as effective
                 from (select strftime(ChargePeriodStart, '%Y-%m') as month,
                              regexp_extract(filename, 'Costs/\\d{4}/\\d{2}/(.*)/[^/]+$', 1) as scope, *
                       from read_parquet(${quotedString(join(dir, 'ingestion/Costs/**/*.parquet'))}, filename = true))
                 group by all order by all`,
            );
            const expected = sample
                .filter((run) => run.latest && run.totals.rows > 0)
                .map((run) => ({
                    month: run.month,
                    scope: run.scope.toLowerCase().replace(/^\//, ''),
                    rows: run.totals.rows,
                    billed: run.totals.sums.BilledCost ?? '',
                    effective: run.totals.sums.EffectiveCost ?? '',
                }))
                .concat(
                    legacy.map((month) => ({
                        month: month.month,
                        scope: month.scope.toLowerCase().replace(/^\//, ''),
                        rows: month.published.rows,
                        billed: month.published.sums.BilledCost ?? '',
                        effective: month.published.sums.EffectiveCost ?? '',
                    })),
                )
                .sort((a, b) => a.month.localeCompare(b.month) || a.scope.localeCompare(b.scope));
            const normalise = (v: string) => v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
            expect(
                published.map((r) => ({
                    ...r,
                    billed: normalise(String(r.billed)),
                    effective: normalise(String(r.effective)),
                })),
            ).toEqual(expected.map((r) => ({ ...r, billed: normalise(r.billed), effective: normalise(r.effective) })));
        });
    });
});
