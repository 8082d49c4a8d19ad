import { exportHubDataset } from '../exportHubDataset';
import type { ExportTransform } from '../transformExport';

/** How this dataset's export parts are read and converted; the sample generator writes the columns its map reads. */
export const TRANSACTIONS_EXPORT: ExportTransform = {
    baseDir: __dirname,
    mapFile: 'transactions-v1_2.json',
    staged: 'stg_transactions',
    steps: ['transactions_v1_2'],
    reconcile: {
        columns: ['BilledCost'],
        currency: 'BillingCurrency',
        categories: ['x_TransactionType'],
        rules: [],
        chargeDate: { column: 'ChargePeriodStart', corrections: 'ChargeClass' },
        ledger: { BillingCurrency: ['Currency'], BilledCost: ['Amount'] },
    },
    input: 'transactions_input_v1_2',
};

/** Reservation transactions (EA and MCA 2023-05-01) → `Transactions`; the billed amounts reconcile per currency. */
export const transactionsDataset = exportHubDataset('Transactions', TRANSACTIONS_EXPORT);
