import { InputError } from '../errors';
import { EXPORT_TYPES, type ExportChannel, type ExportType, SAMPLE_EXPORTS } from './sampleExports';

/** Manifest shapes: `2024-04-01` (per-blob row counts) or the older API `2023-07-01-preview` (top-level counts only). */
export type ManifestGeneration = '2024-04-01' | '2023-07-01-preview';

/** File format and compression pairs Cost Management offers (reservation datasets: uncompressed CSV only). */
export type ExportFormat =
    | { fileFormat: 'Csv'; compressionMode: 'Gzip' | 'None' }
    | { fileFormat: 'Parquet'; compressionMode: 'Snappy' };

/** What one sample export run looks like. Same options → byte-identical files. */
export interface ExportOptions {
    exportName: string;
    /** exportConfig.type (default `FocusCost`). */
    type?: ExportType;
    dataVersion: string;
    /** EA or MCA columns (default EA), for the types whose files differ by agreement. */
    channel?: ExportChannel;
    format: ExportFormat;
    /** Data rows in the run (0 → header-only parts). */
    rows: number;
    /** Part files; rows are split evenly and every part has a header. */
    parts: number;
    /** Billing month, `YYYY-MM`. */
    month: string;
    /** Last day with charges, `YYYY-MM-DD` inside the month (a month-to-date run); defaults to the month's last day. */
    throughDate?: string;
    /** `/subscriptions/<guid>`, `/providers/Microsoft.Billing/billingAccounts/<id>[/billingProfiles/<id>]`. */
    scope: string;
    runId: string;
    /** ISO time the run was submitted, e.g. `2026-09-16T05:12:44.5234447Z`; names the run's folder. */
    submittedTime: string;
    /** Manifest shape; `dataRowCountNull` writes `"dataRowCount": null` as exports created with API 2025-03-01 do. */
    manifest: { generation: ManifestGeneration; dataRowCountNull?: boolean };
    seed: number;
    /** Folder inside the container above the export name, as the export's `rootFolderPath`. */
    rootFolderPath?: string;
    dataOverwriteBehavior?: 'OverwritePreviousReport' | 'CreateNewReport';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws InputError `UsageError` naming the first option that is out of range. */
export function validateExportOptions(options: ExportOptions): void {
    const fail = (message: string): never => {
        throw new InputError('UsageError', `Sample export ${JSON.stringify(options.exportName)}: ${message}`);
    };
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.exportName)) fail('exportName must be letters, digits, - or _');
    const type = options.type ?? 'FocusCost';
    if (!EXPORT_TYPES.includes(type)) fail(`unsupported type ${type}`);
    const sample = SAMPLE_EXPORTS[type];
    if (!sample.columns(options.dataVersion, options.channel ?? 'EA')) {
        fail(`unsupported ${options.channel ?? ''} ${type} dataVersion ${options.dataVersion}`);
    }
    const { fileFormat, compressionMode } = options.format;
    const formatOk =
        (fileFormat === 'Csv' && (compressionMode === 'None' || (compressionMode === 'Gzip' && !sample.csvOnly))) ||
        (fileFormat === 'Parquet' && compressionMode === 'Snappy' && !sample.csvOnly);
    if (!formatOk) fail(`unsupported format ${fileFormat}/${compressionMode} for ${type}`);
    if (!Number.isSafeInteger(options.rows) || options.rows < 0) fail('rows must be a whole number ≥ 0');
    if (!Number.isSafeInteger(options.parts) || options.parts < 1) fail('parts must be a whole number ≥ 1');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) fail('month must be YYYY-MM');
    const through = options.throughDate;
    if (through !== undefined && !(through.startsWith(`${options.month}-`) && through <= monthEnd(options.month))) {
        fail('throughDate must be a YYYY-MM-DD day inside month');
    }
    if (!GUID.test(options.runId)) fail('runId must be a GUID');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/.test(options.submittedTime)) {
        fail('submittedTime must be an ISO UTC time like 2026-09-16T05:12:44.5234447Z');
    }
    if (!Number.isSafeInteger(options.seed)) fail('seed must be a whole number');
    if (options.rootFolderPath !== undefined && !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(options.rootFolderPath)) {
        fail('rootFolderPath must be folder names separated by /');
    }
}

/** Last day of a `YYYY-MM` month as `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    return `${month}-${String(lastDay).padStart(2, '0')}`;
}
