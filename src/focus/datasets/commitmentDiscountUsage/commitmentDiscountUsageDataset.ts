import { exportHubDataset } from '../exportHubDataset';
import type { ExportTransform } from '../transformExport';

/** How this dataset's export parts are read and converted; the sample generator writes the columns its map reads. */
export const COMMITMENT_DISCOUNT_USAGE_EXPORT: ExportTransform = {
    baseDir: __dirname,
    mapFile: 'commitment-discount-usage-v1_2.json',
    staged: 'stg_commitment_discount_usage',
    steps: ['commitment_discount_usage_v1_2'],
    reconcile: {
        columns: ['ConsumedQuantity', 'x_CommitmentDiscountCommittedAmount'],
        categories: [],
        rules: [],
        chargeDate: { column: 'ChargePeriodStart' },
        ledger: { ConsumedQuantity: ['UsedHours'], x_CommitmentDiscountCommittedAmount: ['ReservedHours'] },
    },
    input: 'commitment_discount_usage_input_v1_2',
};

/**
 * Reservation details (2023-03-01) → `CommitmentDiscountUsage`: one row per reservation, instance and day; used and
 * reserved hours reconcile.
 */
export const commitmentDiscountUsageDataset = exportHubDataset(
    'CommitmentDiscountUsage',
    COMMITMENT_DISCOUNT_USAGE_EXPORT,
);
