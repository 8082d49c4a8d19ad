import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { baseRow, writeFocusCsv } from './focusCsv';

export interface ExportSpec {
    runId: string;
    submittedTime: string;
    month: string;
    scope?: string;
    dataVersion?: string;
    type?: string;
    /** Rows per part (overrides of baseRow). */
    parts: Record<string, string>[][];
    gzip?: boolean;
    /** `null` writes dataRowCount null as API 2025-03-01 exports do. */
    rowCounts?: 'numeric' | null;
    /** Folder of the run inside the container (default: a daily export's run folder). */
    folder?: string;
}

/** Writes one export run (parts + manifest.json) into a folder that plays the msexports container. */
export function writeExport(root: string, spec: ExportSpec): string {
    const scope = spec.scope ?? '/subscriptions/00000000-0000-0000-0000-000000000001';
    const folder =
        spec.folder ?? `hub/daily/${spec.month.replace('-', '')}01-${spec.month.replace('-', '')}28/${spec.runId}`;
    const blobs = spec.parts.map((rows, i) => {
        const blobName = `${folder}/part_0_${String(i + 1).padStart(4, '0')}.csv${spec.gzip ? '.gz' : ''}`;
        mkdirSync(dirname(join(root, blobName)), { recursive: true });
        const dated = rows.map((row) => ({ ...baseRow, ChargePeriodStart: `${spec.month}-05T00:00:00Z`, ...row }));
        writeFocusCsv(join(root, blobName), spec.dataVersion ?? '1.0r2', dated, { gzip: spec.gzip });
        return { blobName, byteCount: 1, dataRowCount: spec.rowCounts === null ? null : rows.length };
    });
    const manifest = {
        manifestVersion: '2024-04-01',
        byteCount: blobs.length,
        blobCount: blobs.length,
        dataRowCount: spec.rowCounts === null ? null : spec.parts.flat().length,
        exportConfig: {
            exportName: 'hub-daily',
            resourceId: `${scope}/providers/Microsoft.CostManagement/exports/hub-daily`,
            dataVersion: spec.dataVersion ?? '1.0r2',
            apiVersion: '2025-03-01',
            type: spec.type ?? 'FocusCost',
            timeFrame: 'MonthToDate',
            granularity: 'Daily',
        },
        deliveryConfig: { partitionData: true, fileFormat: 'Csv', compressionMode: spec.gzip ? 'Gzip' : 'None' },
        runInfo: {
            executionType: 'Scheduled',
            submittedTime: spec.submittedTime,
            runId: spec.runId,
            startDate: `${spec.month}-01T00:00:00`,
            endDate: `${spec.month}-28T00:00:00Z`,
        },
        blobs,
    };
    const manifestName = `${folder}/manifest.json`;
    writeFileSync(join(root, manifestName), JSON.stringify(manifest, null, 2));
    return manifestName;
}
