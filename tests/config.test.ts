import { readConfig, strictValidation } from '../src/config';

describe('readConfig: validation and Power BI settings', () => {
    it('reads HUB_VALIDATION_STRICT as true or false, default false, and refuses it without validation', () => {
        expect(readConfig({}).validation).toEqual({
            mode: 'sample',
            modeSet: false,
            sampleRows: 20_000,
            strict: false,
        });
        expect(readConfig({ HUB_VALIDATION_STRICT: 'true', HUB_VALIDATION: 'full' }).validation.strict).toBe(true);
        // Strict mode checks every row unless HUB_VALIDATION names a mode: a sample could miss the row that fails.
        expect(readConfig({ HUB_VALIDATION_STRICT: 'true' }).validation).toMatchObject({ mode: 'full', strict: true });
        const sampled = readConfig({ HUB_VALIDATION_STRICT: 'true', HUB_VALIDATION: 'sample' }).validation;
        expect(sampled).toMatchObject({ mode: 'sample', strict: true });
        expect(strictValidation(readConfig({}).validation)).toMatchObject({ mode: 'full', strict: true });
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

    it('reads HUB_ANOMALY_THRESHOLD as a number above 0, default 6', () => {
        expect(readConfig({}).anomalyThreshold).toBe(6);
        expect(readConfig({ HUB_ANOMALY_THRESHOLD: '7.5' }).anomalyThreshold).toBe(7.5);
        for (const raw of ['0', '-2', 'high', '1e3']) {
            expect(() => readConfig({ HUB_ANOMALY_THRESHOLD: raw })).toThrow(
                expect.objectContaining({
                    code: 'ConfigInvalid',
                    message: expect.stringContaining('HUB_ANOMALY_THRESHOLD'),
                }),
            );
        }
    });
});

describe('readConfig: telemetry', () => {
    const account = '/subscriptions/1/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai';
    it('is on by default, reads listed accounts lower-cased, the consumer source and dimensions', () => {
        expect(readConfig({}).telemetry).toEqual({
            enabled: true,
            accounts: [],
            consumerDimension: 'Subscription ID',
            deploymentDimension: 'Deployment',
        });
        const settings = readConfig({
            HUB_TELEMETRY: 'off',
            HUB_TELEMETRY_ACCOUNTS: ` ${account} ,`,
            HUB_TELEMETRY_APPINSIGHTS_ID:
                '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Insights/components/appi',
            HUB_TELEMETRY_CONSUMER_DIMENSION: 'Team',
        }).telemetry;
        expect(settings).toMatchObject({
            enabled: false,
            accounts: [account.toLowerCase()],
            consumerDimension: 'Team',
        });
    });

    it.each([
        ['HUB_TELEMETRY_ACCOUNTS', '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x'],
        ['HUB_TELEMETRY_APPINSIGHTS_ID', 'appi-gateway'],
        ['HUB_TELEMETRY_CONSUMER_DIMENSION', "Team'] | take 1"],
        ['HUB_TELEMETRY', 'yes'],
    ])('refuses a malformed %s with ConfigInvalid naming it', (name, value) => {
        expect(() => readConfig({ [name]: value })).toThrow(
            expect.objectContaining({ code: 'ConfigInvalid', message: expect.stringContaining(name) }),
        );
    });
});
