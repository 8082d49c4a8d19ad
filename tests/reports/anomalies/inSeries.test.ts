import { inSeries, nestedSeries } from '../../../src/reports/anomalies/inSeries';

describe('inSeries', () => {
    const cell = {
        x_ModelId: 'gpt-4o',
        x_TokenDirection: 'Input',
        x_DeploymentType: 'Global',
        x_TagCostCenter: null,
        x_TagApplication: 'chat',
        x_TagEnvironment: null,
    };
    const model = { x_ModelId: 'gpt-4o', x_TokenDirection: 'Input', x_DeploymentType: 'Global' };
    const untagged = { x_TagCostCenter: null };

    it('holds a cell with the series value in every column the series is cut by, null included', () => {
        expect(inSeries(model, cell)).toBe(true);
        expect(inSeries(untagged, cell)).toBe(true);
        expect(inSeries({}, cell)).toBe(true);
        expect(inSeries({ x_TagApplication: 'search' }, cell)).toBe(false);
    });

    it('does not take a series that spans every value of a column for one with no value in it', () => {
        expect(inSeries(untagged, model)).toBe(false);
        expect(nestedSeries(untagged, model)).toBe(false);
        expect(nestedSeries(model, { ...model, x_TagCostCenter: 'cc-100' })).toBe(true);
    });
});
