import { exportHubDataset } from '../exportHubDataset';

/** Price sheets (EA 2023-05-01; MCA 2023-05-01, 2024-08-01) → `Prices`: one row per price; rows reconcile. */
export const pricesDataset = exportHubDataset('Prices', {
    baseDir: __dirname,
    mapFile: 'prices-v1_2.json',
    staged: 'stg_prices',
    steps: ['prices_v1_2'],
    totals: [],
});
