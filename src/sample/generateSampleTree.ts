import type { DuckDBConnection } from '@duckdb/node-api';

import type { Totals } from '../focus/totals';
import type { ExportOptions } from './exportOptions';
import { generateExport } from './generateExport';
import type { ExportType } from './sampleExports';

/** One run of the bundled sample, with what a reader of the tree must find. */
export interface SampleRun {
    exportName: string;
    /** exportConfig.type. */
    type: ExportType;
    scope: string;
    dataVersion: string;
    /** `YYYY-MM` the run covers. */
    month: string;
    runId: string;
    submittedTime: string;
    manifestName: string;
    blobNames: string[];
    /** Exact row count and totals of the columns the hub reconciles for the type (decimal text). */
    totals: Totals;
    /** False when a later run of the same export and month supersedes this one ("latest run wins"). */
    latest: boolean;
}

const SUBSCRIPTION = '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';
const BILLING_ACCOUNT = '/providers/Microsoft.Billing/billingAccounts/81234567';
const CSV_GZIP = { fileFormat: 'Csv', compressionMode: 'Gzip' } as const;
const CSV = { fileFormat: 'Csv', compressionMode: 'None' } as const;
const PARQUET = { fileFormat: 'Parquet', compressionMode: 'Snappy' } as const;

/** Rows of the sample price sheet: a consumption price per sample meter, a reservation, a savings plan, dev/test. */
const PRICE_ROWS = 94;

/**
 * The runs of the bundled sample: two cost exports over 2026-08…10, a rerun, a header-only run; and at the billing
 * account, the EA price sheets of August (CSV.gz) and September (Parquet), which fill the prices some cost rows lack,
 * reservation details and transactions of both months (for the reservation the cost rows of the same seed bill) and
 * the October reservation recommendations.
 */
const SAMPLE_RUNS: ExportOptions[] = [
    run('contoso-daily', SUBSCRIPTION, '1.0r2', CSV_GZIP, '2026-08', 1200, 3, '2026-09-01T05:14:09.1234567Z', 11),
    {
        ...run('contoso-daily', SUBSCRIPTION, '1.0r2', CSV_GZIP, '2026-09', 500, 2, '2026-09-16T05:02:51.7654321Z', 12),
        throughDate: '2026-09-15',
    },
    {
        ...run('contoso-daily', SUBSCRIPTION, '1.0r2', CSV_GZIP, '2026-09', 900, 3, '2026-10-03T04:58:30.0417734Z', 13),
        manifest: { generation: '2024-04-01', dataRowCountNull: true },
    },
    {
        ...run(
            'contoso-billing',
            BILLING_ACCOUNT,
            '1.2-preview',
            PARQUET,
            '2026-09',
            700,
            2,
            '2026-10-02T07:41:12.5Z',
            21,
        ),
        manifest: { generation: '2023-07-01-preview' },
        rootFolderPath: 'providers/Microsoft.Billing/billingAccounts/81234567',
    },
    {
        ...run(
            'contoso-billing',
            BILLING_ACCOUNT,
            '1.2-preview',
            PARQUET,
            '2026-10',
            600,
            1,
            '2026-11-02T07:40:55.25Z',
            22,
        ),
        manifest: { generation: '2023-07-01-preview' },
        rootFolderPath: 'providers/Microsoft.Billing/billingAccounts/81234567',
    },
    run('contoso-sandbox', SUBSCRIPTION, '1.0r2', CSV_GZIP, '2026-10', 0, 1, '2026-11-01T06:00:00.0000000Z', 31),
    ...[
        { month: '2026-08', format: CSV_GZIP, submitted: '2026-08-02T03:10:00Z', seed: 41 },
        { month: '2026-09', format: PARQUET, submitted: '2026-09-02T03:10:00Z', seed: 42 },
    ].map(({ month, format, submitted, seed }) =>
        other('PriceSheet', 'contoso-prices', '2023-05-01', format, month, PRICE_ROWS, submitted, seed),
    ),
    ...[
        { month: '2026-08', days: 31, submitted: '2026-09-01T04:00:00Z', seed: 11 },
        { month: '2026-09', days: 30, submitted: '2026-10-01T04:00:00Z', seed: 13 },
    ].flatMap(({ month, days, submitted, seed }) => [
        other('ReservationDetails', 'contoso-ri-details', '2023-03-01', CSV, month, days * 2, submitted, seed, 51),
        other('ReservationTransactions', 'contoso-ri-transactions', '2023-05-01', CSV, month, 3, submitted, seed, 61),
    ]),
    other('ReservationRecommendations', 'contoso-ri-recs', '2023-05-01', CSV, '2026-10', 6, '2026-10-20T02:00:00Z', 71),
];

/**
 * Writes the sample that `npm start` processes into `containerRoot` (playing the `msexports` container) and describes
 * it, so tests and the demo can reconcile what the hub reads against what was written. A few thousand rows in all.
 */
export async function generateSampleTree(connection: DuckDBConnection, containerRoot: string): Promise<SampleRun[]> {
    const runs: SampleRun[] = [];
    for (const options of SAMPLE_RUNS) {
        const written = await generateExport(connection, containerRoot, options);
        runs.push({
            exportName: options.exportName,
            type: options.type ?? 'FocusCost',
            scope: options.scope,
            dataVersion: options.dataVersion,
            month: options.month,
            runId: options.runId,
            submittedTime: options.submittedTime,
            manifestName: written.manifestName,
            blobNames: written.blobs.map((blob) => blob.blobName),
            totals: written.totals,
            latest: !SAMPLE_RUNS.some(
                (other) =>
                    other.exportName === options.exportName &&
                    other.month === options.month &&
                    other.submittedTime > options.submittedTime,
            ),
        });
    }
    return runs;
}

/** A price sheet or reservation export run at the billing account; `runSeed` keeps run ids apart when seeds repeat. */
function other(
    type: ExportType,
    exportName: string,
    dataVersion: string,
    format: ExportOptions['format'],
    month: string,
    rows: number,
    submittedTime: string,
    seed: number,
    runSeed = seed,
): ExportOptions {
    return {
        ...run(exportName, BILLING_ACCOUNT, dataVersion, format, month, rows, 1, submittedTime, seed),
        type,
        runId: run(exportName, BILLING_ACCOUNT, dataVersion, format, month, rows, 1, submittedTime, runSeed).runId,
        rootFolderPath: 'providers/Microsoft.Billing/billingAccounts/81234567',
    };
}

function run(
    exportName: string,
    scope: string,
    dataVersion: ExportOptions['dataVersion'],
    format: ExportOptions['format'],
    month: string,
    rows: number,
    parts: number,
    submittedTime: string,
    seed: number,
): ExportOptions {
    const runId = `${seed.toString(16).padStart(8, '0')}-5a4d-4e1f-9c3b-${month.replace('-', '').padStart(12, '0')}`;
    return {
        exportName,
        scope,
        dataVersion,
        format,
        month,
        rows,
        parts,
        runId,
        submittedTime,
        seed,
        manifest: { generation: '2024-04-01' },
    };
}
