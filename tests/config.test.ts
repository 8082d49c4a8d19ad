import { readConfig } from '../src/config';

describe('readConfig: validation and Power BI settings', () => {
    it('reads HUB_VALIDATION_STRICT as true or false, default false, and refuses it without validation', () => {
        expect(readConfig({}).validation).toEqual({ mode: 'sample', sampleRows: 20_000, strict: false });
        expect(readConfig({ HUB_VALIDATION_STRICT: 'true', HUB_VALIDATION: 'full' }).validation.strict).toBe(true);
        expect(readConfig({ HUB_VALIDATION_STRICT: 'false' }).validation.strict).toBe(false);
        expect(() => readConfig({ HUB_VALIDATION_STRICT: 'yes' })).toThrow(
            expect.objectContaining({
                code: 'ConfigInvalid',
                message: expect.stringContaining('HUB_VALIDATION_STRICT'),
            }),
        );
        expect(() => readConfig({ HUB_VALIDATION_STRICT: 'true', HUB_VALIDATION: 'off' })).toThrow(
            expect.objectContaining({ code: 'ConfigInvalid' }),
        );
    });

    it('reads HUB_POWERBI_STORAGE_REPORT as on or off, default off', () => {
        expect(readConfig({}).storageReport).toBe(false);
        expect(readConfig({ HUB_POWERBI_STORAGE_REPORT: 'on' }).storageReport).toBe(true);
        expect(() => readConfig({ HUB_POWERBI_STORAGE_REPORT: 'true' })).toThrow(
            expect.objectContaining({ code: 'ConfigInvalid' }),
        );
    });
});
