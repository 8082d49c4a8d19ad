import { exportHubDataset } from '../exportHubDataset';
import { recommendationsScope } from './recommendationsScope';

/**
 * Reservation recommendations (EA and MCA 2023-05-01) → `Recommendations`, in a folder per export (scope + export
 * name); the savings reconcile.
 */
export const recommendationsDataset = exportHubDataset(
    'Recommendations',
    {
        baseDir: __dirname,
        mapFile: 'recommendations-v1_2.json',
        staged: 'stg_recommendations',
        steps: ['recommendations_v1_2'],
        totals: ['x_EffectiveCostSavings'],
    },
    { folderScope: recommendationsScope },
);
