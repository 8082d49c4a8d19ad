import type { DuckDBConnection } from '@duckdb/node-api';

import type { Totals } from '../focus/totals';
import type { ExportOptions } from './exportOptions';
import { generateExport } from './generateExport';

/** One run of the bundled sample, with what a reader of the tree must find. */
export interface SampleRun {
    exportName: string;
    scope: string;
    dataVersion: string;
    /** `YYYY-MM` the run covers. */
    month: string;
    runId: string;
    submittedTime: string;
    manifestName: string;
    blobNames: string[];
    /** Exact row count and BilledCost / EffectiveCost totals of the run's month (decimal text). */
    totals: Totals;
    /** False when a later run of the same export and month supersedes this one ("latest run wins"). */
    latest: boolean;
}

const SUBSCRIPTION = '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';
const BILLING_ACCOUNT = '/providers/Microsoft.Billing/billingAccounts/81234567';
const CSV_GZIP = { fileFormat: 'Csv', compressionMode: 'Gzip' } as const;
const PARQUET = { fileFormat: 'Parquet', compressionMode: 'Snappy' } as const;

/** The runs of the bundled sample: two exports over 2026-08…10, a rerun, a header-only run. */
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
