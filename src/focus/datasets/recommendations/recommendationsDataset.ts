import { exportHubDataset } from '../exportHubDataset';
import type { ExportTransform } from '../transformExport';
import { recommendationsScope } from './recommendationsScope';

/** How this dataset's export parts are read and converted; the sample generator writes the columns its map reads. */
export const RECOMMENDATIONS_EXPORT: ExportTransform = {
    baseDir: __dirname,
    mapFile: 'recommendations-v1_2.json',
    staged: 'stg_recommendations',
    steps: ['recommendations_v1_2'],
    reconcile: { columns: ['x_EffectiveCostSavings'], currency: 'BillingCurrency', categories: [], rules: [] },
    input: 'recommendations_input_v1_2',
};

/**
 * Reservation recommendations (EA and MCA 2023-05-01) → `Recommendations`, in a folder per export (scope + export
 * name); the savings reconcile.
 */
export const recommendationsDataset = exportHubDataset('Recommendations', RECOMMENDATIONS_EXPORT, {
    folderScope: recommendationsScope,
});
