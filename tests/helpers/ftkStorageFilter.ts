import { readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

import { chunkStatistics, readFooter, statisticsBinary } from '../../src/focus/parquet/parquetFooter';

/**
 * A re-implementation of the FinOps toolkit's storage Power BI report choosing its Costs files (microsoft/finops-toolkit
 * @04d370f3, src/power-bi/storage/Shared.Dataset/definition/expressions.tmdl): ftk_Storage("focuscost") in hub mode
 * (folder and month filters), ftk_Metadata(file, "ChargePeriodStart") with ftk_ImpalaToJulianDate and
 * ftk_DatetimeToJulianDate (the file filter on Parquet statistics). It runs over a local copy of the ingestion
 * container, as if the report's Storage URL were https://<account>.dfs.core.windows.net/ingestion.
 */

export interface ReportParameters {
    /** `Number of Months` (the template's default is 1); null when cleared. */
    numberOfMonths: number | null;
    rangeStart?: Date;
    rangeEnd?: Date;
    /** The report's DateTime.LocalNow(). */
    today: Date;
}

export interface FileVerdict {
    /** Path relative to the ingestion folder, with `/`. */
    path: string;
    /** Why the report leaves the file out, or how many times it reads it (one per distinct statistics row). */
    outcome: 'not a Costs file' | 'outside the months' | 'dropped by statistics' | { reads: number };
    /** The decoded MinValue of each row group (null: no statistics). */
    minimums?: (number | null)[];
}

const URL = 'https://account.dfs.core.windows.net/ingestion';
const CONTAINER_OFFSET = 3;

const utcDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const startOfMonth = (d: Date) => utcDate(d.getUTCFullYear(), d.getUTCMonth(), 1);
const addMonths = (d: Date, n: number) => utcDate(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate());
const endOfMonth = (d: Date) => utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);

/** ftk_DatetimeToJulianDate: days since 1899-12-30 plus 2415018.5 (the Julian date at midnight). */
export function julianDate(d: Date): number {
    return Math.round((startOfDay(d).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000) + 2415018.5;
}

const startOfDay = (d: Date) => utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/**
 * ftk_ImpalaToJulianDate: bytes 8–11 of a 12-byte INT96 as a little-endian day number, minus 0.5. Binary.Range past
 * the end of a shorter value is taken to give fewer bytes (an 8-byte INT64 statistic decodes to -0.5), as the
 * toolkit's issue #2046 suggests; if it raised instead, such a file would fail the whole refresh.
 */
export function impalaToJulianDate(bytes: Uint8Array): number {
    return [...bytes.subarray(8, 12)].reverse().reduce((state, current) => state * 256 + current, 0) - 0.5;
}

/** The report's start and end of the date range from its parameters. */
export function reportRange(p: ReportParameters): { start: Date | null; end: Date | null } {
    const end = p.rangeEnd ?? null;
    const start =
        p.rangeStart ??
        (p.numberOfMonths !== null && p.numberOfMonths > 0
            ? addMonths(end ?? startOfMonth(p.today), -p.numberOfMonths)
            : null);
    return { start, end };
}

/** Every file under `ingestionDir` with what the report does with it. */
export function ftkCostsFiles(ingestionDir: string, parameters: ReportParameters): FileVerdict[] {
    const { start, end } = reportRange(parameters);
    const files = readdirSync(ingestionDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(ingestionDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    return files.map((path): FileVerdict => {
        const folderPath = `${URL}/${path.split('/').slice(0, -1).join('/')}/`;
        const segments = folderPath.split('/');
        const lastFolder = segments[segments.length - 2] ?? '';
        const datasetFolder = segments[CONTAINER_OFFSET + 1] ?? '';
        const isCosts =
            extname(path) === '.parquet' &&
            ('focuscost' === lastFolder.toLowerCase() ||
                'focuscost' === datasetFolder.toLowerCase() ||
                datasetFolder === 'Costs');
        if (!isCosts) return { path, outcome: 'not a Costs file' };
        const [year = '', month = ''] = [segments[CONTAINER_OFFSET + 2], segments[CONTAINER_OFFSET + 3]];
        if (year.length !== 4 || month.length !== 2)
            throw new Error(`${path}: StartDate is a cell error; refresh fails`);
        const startDate = utcDate(Number(year), Number(month) - 1, 1);
        const inMonths =
            (start === null && end === null) ||
            ((start === null || startDate >= startOfMonth(start)) &&
                (end === null || endOfMonth(startDate) <= endOfMonth(end)));
        if (!inMonths) return { path, outcome: 'outside the months' };
        const statistics = rowGroupStatistics(join(ingestionDir, path));
        const minimums = statistics.map(([min]) => min);
        // Table.Distinct over {Min, Max}: one read of the file per distinct pair (or one null row without any).
        const distinct = [...new Map(statistics.map(([min, max]) => [`${min}|${max}`, min])).values()];
        const reads = (distinct.length === 0 ? [null] : distinct).filter(
            (min) =>
                (start === null || min === null || min >= julianDate(start)) &&
                (end === null || min === null || min < julianDate(end)),
        ).length;
        return { path, outcome: reads > 0 ? { reads } : 'dropped by statistics', minimums };
    });
}

/** ftk_Metadata: Statistics min_value and max_value of ChargePeriodStart per row group, decoded (null: none). */
function rowGroupStatistics(file: string): [number | null, number | null][] {
    const decoded = (bytes: Uint8Array | undefined) => (bytes === undefined ? null : impalaToJulianDate(bytes));
    return chunkStatistics(readFooter(file).bytes)
        .filter((chunk) => chunk.column === 'ChargePeriodStart')
        .map((chunk) => [decoded(statisticsBinary(chunk, 6)), decoded(statisticsBinary(chunk, 5))]);
}
