import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { FileVerdict, ftkCostsFiles, ReportParameters } from '../../../helpers/ftkStorageFilter';
import { sampleIngestion } from '../../../helpers/sampleIngestion';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

// The FinOps toolkit's storage Power BI report (v14) over the hub's real output: which Costs files its filter keeps
// (tests/helpers/ftkStorageFilter.ts re-implements it) and whether its Costs query finds the columns it references
// (tests/fixtures/ftk-storage-report/costs-query.json lists them from Costs.tmdl).

interface CostsQuery {
    required: Record<'modelColumns' | 'replaceValueColumns' | 'datetimezoneColumns' | 'numberColumns', string[]>;
    addedIfMissing: string[];
    absent: string[];
    absentWithDeprecatedOptimizations: string[];
}
const query = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'ftk-storage-report', 'costs-query.json'), 'utf8'),
) as CostsQuery;

/** The columns the report itself adds, and so must not find: what HUB_POWERBI_STORAGE_REPORT=on leaves out. */
const ADDED_BY_REPORT = [
    'x_BillingAccountAgreement',
    'x_CommitmentDiscountSavings',
    'x_NegotiatedDiscountSavings',
    'x_SourceType',
    'x_SourceVersion',
    'x_TotalSavings',
];

let dir: string;
let ingestion: string;
beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-powerbi-'));
    ingestion = await sampleIngestion(dir, { HUB_POWERBI_STORAGE_REPORT: 'on' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const costsFiles = (verdicts: FileVerdict[]) => verdicts.filter((v) => v.outcome !== 'not a Costs file');
const published = () =>
    readdirSync(join(ingestion, 'Costs'), { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.parquet'))
        .map((name) => `Costs/${name}`)
        .sort();

describe('the FinOps toolkit storage Power BI report over the hub’s output', () => {
    const cases: [string, ReportParameters, string[]][] = [
        ['defaults (Number of Months 1), in November', { numberOfMonths: 1, today: new Date('2026-11-15') }, ['10']],
        ['defaults, in September', { numberOfMonths: 1, today: new Date('2026-09-10') }, ['08', '09', '10']],
        ['no date parameters', { numberOfMonths: null, today: new Date('2026-11-15') }, ['08', '09', '10']],
        [
            'an incremental-refresh partition (RangeStart, RangeEnd)',
            {
                numberOfMonths: 1,
                rangeStart: new Date('2026-09-01'),
                rangeEnd: new Date('2026-10-01'),
                today: new Date('2026-11-15'),
            },
            ['09', '10'],
        ],
    ];

    it.each(cases)(
        'reads every published Costs file of the months in range exactly once: %s',
        (_, parameters, months) => {
            const verdicts = costsFiles(ftkCostsFiles(ingestion, parameters));
            expect(verdicts.map((v) => v.path)).toEqual(published());
            for (const verdict of verdicts) {
                const month = verdict.path.split('/')[2] ?? '';
                expect([verdict.path, verdict.outcome]).toEqual([
                    verdict.path,
                    months.includes(month) ? { reads: 1 } : 'outside the months',
                ]);
            }
        },
    );

    it('would drop the same files as DuckDB writes them (8-byte INT64 statistics decode to Julian day -0.5)', async () => {
        const copy = join(dir, 'unstripped');
        const [first] = published();
        const target = join(copy, first ?? '');
        mkdirSync(dirname(target), { recursive: true });
        await withConnection((connection) =>
            connection.run(
                `copy (select * from read_parquet(${quotedString(join(ingestion, first ?? ''))}))
                 to ${quotedString(target)} (format parquet, compression zstd)`,
            ),
        );
        const [verdict] = costsFiles(ftkCostsFiles(copy, { numberOfMonths: 1, today: new Date('2026-09-10') }));
        expect(verdict).toMatchObject({ outcome: 'dropped by statistics', minimums: [-0.5] });
    });

    it('publishes Costs files whose ChargePeriodStart has no min/max statistics, null_count kept', async () => {
        await withConnection(async (connection) => {
            const stats = await rowsOf(
                connection,
                `select count(*)::int as chunks, count(stats_min_value)::int as min_values, count(stats_min)::int as mins,
                        count(stats_max_value)::int as max_values, count(stats_null_count)::int as null_counts
                 from parquet_metadata(${quotedString(join(ingestion, 'Costs/**/*.parquet'))})
                 where path_in_schema = 'ChargePeriodStart'`,
            );
            expect(stats).toEqual([
                { chunks: published().length, min_values: 0, mins: 0, max_values: 0, null_counts: published().length },
            ]);
        });
    });

    it('finds every column its Costs query needs, and none it adds itself (HUB_POWERBI_STORAGE_REPORT=on)', async () => {
        const columns = await withConnection(async (connection) =>
            (
                await rowsOf(
                    connection,
                    `select column_name as name, column_type as type from (describe select * from
                        read_parquet(${quotedString(join(ingestion, 'Costs/**/*.parquet'))}, union_by_name = true))`,
                )
            ).map((row) => [String(row.name), String(row.type)] as const),
        );
        const names = new Set(columns.map(([name]) => name));
        const types = new Map(columns);
        const required = [...new Set(Object.values(query.required).flat())].sort();
        expect(required.filter((name) => !names.has(name))).toEqual([]);
        expect(query.addedIfMissing.filter((name) => !names.has(name))).toEqual([]);
        expect(query.absent.filter((name) => names.has(name))).toEqual([]);
        expect(query.absentWithDeprecatedOptimizations.filter((name) => names.has(name))).toEqual(['x_SourceChanges']);
        for (const name of query.required.datetimezoneColumns)
            expect([name, types.get(name)]).toEqual([name, 'TIMESTAMP WITH TIME ZONE']);
        for (const name of query.required.numberColumns) {
            expect([name, types.get(name)]).toEqual([
                name,
                name === 'x_PartnerCreditRate' ? 'VARCHAR' : 'DECIMAL(38,18)',
            ]);
        }
    });

    it('keeps the folder manifests free of the export manifest keys its raw-export mode opens', () => {
        const manifests = readdirSync(join(ingestion), { recursive: true })
            .map(String)
            .filter((name) => name.endsWith('manifest.json') && !name.startsWith('.'));
        expect(manifests.length).toBeGreaterThan(0);
        for (const name of manifests) {
            const manifest = JSON.parse(readFileSync(join(ingestion, name), 'utf8')) as Record<string, unknown>;
            expect([name, 'exportConfig' in manifest || 'deliveryConfig' in manifest]).toEqual([name, false]);
        }
    });

    it('without HUB_POWERBI_STORAGE_REPORT has the toolkit columns the report would add itself, and no SkuMeterName', async () => {
        await withConnection(async (connection, scratch) => {
            const input = join(scratch, 'part.csv');
            writeFocusCsv(input, '1.0r2', [baseRow]);
            const output = join(scratch, 'out.parquet');
            await transformCosts(connection, { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' }, output);
            const names = (
                await rowsOf(connection, `describe select * from read_parquet(${quotedString(output)})`)
            ).map((row) => String(row.column_name));
            expect(query.absent.filter((name) => names.includes(name))).toEqual(ADDED_BY_REPORT);
            expect(names).not.toContain('SkuMeterName');
        });
    });
});
