import { InputError } from '../errors';

export type PartFormat = 'csv' | 'parquet' | 'json';

/**
 * The reader for a part, from its name: `.csv`, `.csv.gz`, `.parquet` (any compression inside), and `.json` (a
 * telemetry file: an Azure API response body).
 */
export function partFormat(blobName: string): PartFormat {
    const lower = blobName.toLowerCase();
    if (lower.endsWith('.csv') || lower.endsWith('.csv.gz')) return 'csv';
    if (lower.endsWith('.parquet')) return 'parquet';
    if (lower.endsWith('.json')) return 'json';
    throw new InputError(
        'UnsupportedFileType',
        `Part ${blobName} is neither CSV (.csv, .csv.gz) nor Parquet (.parquet); change the export's file format.`,
    );
}

/** Published file name for a part: the last name segment, compression and format suffixes replaced by `.parquet`. */
export function publishedFileName(blobName: string): string {
    const last = blobName.split('/').pop() ?? blobName;
    return `${last.replace(/(\.snappy)?\.parquet$|\.csv(\.gz)?$|\.json$/i, '')}.parquet`;
}

/** Local file name for a downloaded part, keeping the suffix DuckDB uses to detect compression. */
export function localPartName(blobName: string): string {
    const match = /(\.csv\.gz|\.csv|\.parquet|\.json)$/i.exec(blobName);
    return `input${(match?.[1] ?? '').toLowerCase()}`;
}
