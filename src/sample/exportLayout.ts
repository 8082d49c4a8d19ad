import { type ExportOptions, monthEnd } from './exportOptions';

/** Where one export run's files go, relative to the container (`msexports`), as Cost Management names them. */
export interface ExportLayout {
    /** `<rootFolderPath>/<exportName>/<yyyyMMdd-yyyyMMdd>/<yyyyMMddHHmm>/<runId>` */
    folder: string;
    /** Container-relative part names, in order: `…/part_0_0001.csv.gz`. */
    partNames: string[];
    manifestName: string;
}

const EXTENSIONS = { Gzip: 'csv.gz', None: 'csv', Snappy: 'snappy.parquet' } as const;

/**
 * Names the folder, part files and manifest of a run (FTK / Power BI layout of real exports; reservation
 * recommendations have no date range folder).
 */
export function exportLayout(
    options: Pick<
        ExportOptions,
        'month' | 'submittedTime' | 'rootFolderPath' | 'exportName' | 'runId' | 'parts' | 'format'
    > & { type?: string },
): ExportLayout {
    const dateRange =
        options.type === 'ReservationRecommendations'
            ? undefined
            : `${compact(`${options.month}-01`)}-${compact(monthEnd(options.month))}`;
    const submitted = compact(options.submittedTime.slice(0, 16));
    const folder = [options.rootFolderPath, options.exportName, dateRange, submitted, options.runId]
        .filter((segment) => segment !== undefined && segment !== '')
        .join('/');
    const extension = EXTENSIONS[options.format.compressionMode];
    const partNames = Array.from(
        { length: options.parts },
        (_, index) => `${folder}/part_0_${String(index + 1).padStart(4, '0')}.${extension}`,
    );
    return { folder, partNames, manifestName: `${folder}/manifest.json` };
}

/** `2026-09-16T05:12` → `202609160512`. */
function compact(isoText: string): string {
    return isoText.replace(/[-T:]/g, '');
}
