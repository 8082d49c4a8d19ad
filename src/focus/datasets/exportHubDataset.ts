import { exportSource, loadExportMap } from './exportMap';
import type { HubDataset } from './hubDataset';
import { ExportTransform, transformExport } from './transformExport';
import { validateFocusColumns } from './validateFocusColumns';

/**
 * The registry entry of a dataset converted from one export type by its export map and `sql/` steps (Prices,
 * CommitmentDiscountUsage, Recommendations, Transactions): the versions its map lists, its reconciled totals, the FOCUS
 * column checks, no derived datasets.
 */
export function exportHubDataset(
    name: string,
    transform: ExportTransform,
    options: Pick<HubDataset, 'folderScope'> = {},
): HubDataset {
    return {
        name,
        exports: [exportSource(loadExportMap(transform.mapFile, transform.baseDir))],
        totals: transform.reconcile.columns,
        transformPart: (connection, input, outPath) => transformExport(connection, input, outPath, transform),
        validatePart: validateFocusColumns,
        derived: [],
        ...options,
    };
}
