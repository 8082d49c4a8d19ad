import { exportHubDataset } from '../exportHubDataset';

/**
 * Reservation details (2023-03-01) → `CommitmentDiscountUsage`: one row per reservation, instance and day; used and
 * reserved hours reconcile.
 */
export const commitmentDiscountUsageDataset = exportHubDataset('CommitmentDiscountUsage', {
    baseDir: __dirname,
    mapFile: 'commitment-discount-usage-v1_2.json',
    staged: 'stg_commitment_discount_usage',
    steps: ['commitment_discount_usage_v1_2'],
    totals: ['ConsumedQuantity', 'x_CommitmentDiscountCommittedAmount'],
});
