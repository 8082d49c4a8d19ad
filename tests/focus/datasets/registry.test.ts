import { datasetFor, DATASETS } from '../../../src/focus/datasets/registry';

describe('dataset registry', () => {
    it('gives every export type and dataVersion one converter at most', () => {
        const claimed = DATASETS.flatMap((d) =>
            d.exports.flatMap((s) => s.versions.map((v) => `${s.type.toLowerCase()} ${v}`)),
        );
        expect(claimed.length).toBe(new Set(claimed).size);
    });

    it('finds the converter of an export by type (any case) and version, and refuses anything else', () => {
        expect(datasetFor({ type: 'focuscost', dataVersion: '1.0r2' }, 'm').name).toBe('Costs');
        const hubFolders = [
            ['PriceSheet', '2023-05-01', 'Prices'],
            ['pricesheet', '2024-08-01', 'Prices'],
            ['ReservationDetails', '2023-03-01', 'CommitmentDiscountUsage'],
            ['ReservationRecommendations', '2023-05-01', 'Recommendations'],
            ['ReservationTransactions', '2023-05-01', 'Transactions'],
        ];
        for (const [type, dataVersion, folder] of hubFolders) {
            expect(datasetFor({ type: type ?? '', dataVersion: dataVersion ?? '' }, 'm').name).toBe(folder);
        }
        expect(() => datasetFor({ type: 'PriceSheet', dataVersion: '2021-10-01' }, 'm')).toThrow(
            expect.objectContaining({
                code: 'UnsupportedDataset',
                message: expect.stringMatching(
                    /PriceSheet dataVersion 2021-10-01 is not one the hub reads\. Supported: .*PriceSheet 2023-05-01\/2024-08-01.*Recreate the export/,
                ),
            }),
        );
        expect(() => datasetFor({ type: 'FocusCost', dataVersion: '9.9' }, 'm')).toThrow(
            expect.objectContaining({
                code: 'UnsupportedDataset',
                message: expect.stringContaining('not one the hub reads'),
            }),
        );
        expect(datasetFor({ type: 'amortizedcost', dataVersion: '2023-12-01-preview' }, 'm').name).toBe('Costs');
        expect(datasetFor({ type: 'ActualCost', dataVersion: '2019-10-01' }, 'm').composition?.supplement).toBe(
            'ActualCost',
        );
        expect(() => datasetFor({ type: 'ActualCost', dataVersion: '2018-05-31' }, 'm')).toThrow(
            expect.objectContaining({
                code: 'UnsupportedDataset',
                message: expect.stringMatching(
                    /ActualCost dataVersion 2018-05-31 is not one the hub reads.*ActualCost 2019-10-01\/2019-11-01\/.*\/2024-08-01; AmortizedCost/,
                ),
            }),
        );
        expect(() => datasetFor({ type: 'Usage', dataVersion: '2019-10-01' }, 'm')).toThrow(
            expect.objectContaining({
                code: 'UnsupportedDataset',
                message: expect.stringContaining('does not convert Usage'),
            }),
        );
    });
});
