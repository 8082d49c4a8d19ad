import { writeFileSync } from 'node:fs';

import type { ExportOptions } from './exportOptions';

/** One part as the manifest lists it. */
export interface ManifestBlob {
    blobName: string;
    byteCount: number;
    dataRowCount: number;
}

/** Storage account the sample exports pretend to be written to (manifest `containerUri`). */
const CONTAINER_URI =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-finops-hub/providers/' +
    'Microsoft.Storage/storageAccounts/stfinopshub';

/** What the manifest says about the export; `type` defaults to FocusCost. */
export type ManifestOptions = Pick<
    ExportOptions,
    | 'exportName'
    | 'scope'
    | 'format'
    | 'manifest'
    | 'submittedTime'
    | 'runId'
    | 'rootFolderPath'
    | 'dataOverwriteBehavior'
> & { dataVersion: string; type?: string };

/** Export types with a daily granularity; the others have none (null). */
const DAILY = new Set(['FocusCost', 'ActualCost', 'AmortizedCost', 'ReservationDetails']);

/**
 * Writes `manifest.json` as Cost Management does: `2024-04-01` manifests have `manifestVersion`, a top-level byte count
 * and per-blob `dataRowCount` (null everywhere for exports created with API 2025-03-01); the older API
 * `2023-07-01-preview` shape has top-level counts only and no `manifestVersion` or `compressionMode`.
 */
export function writeManifest(
    path: string,
    options: ManifestOptions,
    run: { startDate: string; endDate: string; timeFrame: string; blobs: ManifestBlob[] },
): void {
    const modern = options.manifest.generation === '2024-04-01';
    const unknownRows = modern && options.manifest.dataRowCountNull === true;
    const byteCount = run.blobs.reduce((sum, blob) => sum + blob.byteCount, 0);
    const dataRowCount = unknownRows ? null : run.blobs.reduce((sum, blob) => sum + blob.dataRowCount, 0);
    const manifest = {
        ...(modern ? { manifestVersion: '2024-04-01' } : {}),
        byteCount,
        blobCount: run.blobs.length,
        dataRowCount,
        exportConfig: {
            exportName: options.exportName,
            resourceId: `${options.scope}/providers/Microsoft.CostManagement/exports/${options.exportName}`,
            dataVersion: options.dataVersion,
            apiVersion: unknownRows ? '2025-03-01' : '2023-07-01-preview',
            type: options.type ?? 'FocusCost',
            timeFrame: run.timeFrame,
            granularity: DAILY.has(options.type ?? 'FocusCost') ? 'Daily' : null,
        },
        deliveryConfig: {
            partitionData: true,
            dataOverwriteBehavior: options.dataOverwriteBehavior ?? 'CreateNewReport',
            fileFormat: options.format.fileFormat,
            ...(modern ? { compressionMode: options.format.compressionMode } : {}),
            containerUri: CONTAINER_URI,
            rootFolderPath: options.rootFolderPath ?? '',
        },
        runInfo: {
            executionType: 'Scheduled',
            submittedTime: options.submittedTime,
            runId: options.runId,
            startDate: `${run.startDate}T00:00:00`,
            endDate: `${run.endDate}T00:00:00Z`,
        },
        blobs: run.blobs.map((blob) =>
            modern
                ? {
                      blobName: blob.blobName,
                      byteCount: blob.byteCount,
                      dataRowCount: unknownRows ? null : blob.dataRowCount,
                  }
                : { blobName: blob.blobName, byteCount: blob.byteCount },
        ),
    };
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
