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
        expect(() => datasetFor({ type: 'FocusCost', dataVersion: '9.9' }, 'm')).toThrow(
            expect.objectContaining({
                code: 'UnsupportedDataset',
                message: expect.stringContaining('not one the hub reads'),
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
