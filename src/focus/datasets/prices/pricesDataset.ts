import { exportHubDataset } from '../exportHubDataset';
import type { ExportTransform } from '../transformExport';

/** How this dataset's export parts are read and converted; the sample generator writes the columns its map reads. */
export const PRICES_EXPORT: ExportTransform = {
    baseDir: __dirname,
    mapFile: 'prices-v1_2.json',
    staged: 'stg_prices',
    steps: ['prices_v1_2'],
    // Prices do not add up: rows reconcile, per currency.
    reconcile: { columns: [], currency: 'BillingCurrency', categories: [], rules: [] },
};

/** Price sheets (EA 2023-05-01; MCA 2023-05-01, 2024-08-01) → `Prices`: one row per price; rows reconcile. */
export const pricesDataset = exportHubDataset('Prices', PRICES_EXPORT);
