import { exportHubDataset } from '../exportHubDataset';

/** Reservation transactions (EA and MCA 2023-05-01) → `Transactions`; the billed amounts reconcile. */
export const transactionsDataset = exportHubDataset('Transactions', {
    baseDir: __dirname,
    mapFile: 'transactions-v1_2.json',
    staged: 'stg_transactions',
    steps: ['transactions_v1_2'],
    totals: ['BilledCost'],
});
