import { ArmTemplate, compileBicep, moduleOf, moduleParameter, ofType, pick, resolve } from './bicepTemplate';

let main: ArmTemplate;

beforeAll(() => {
    main = compileBicep();
});

describe('Cost Management exports', () => {
    it('are optional, one subscription-scoped module per listed subscription, on the first pass only', () => {
        // Cost Management refuses to update an existing export without its eTag, which a template cannot send: the
        // second pass (functionCodeDeployed) must not deploy them again.
        const module = moduleOf(main, 'costExports');
        const listed = "if(parameters('functionCodeDeployed'), createArray(), parameters('exportSubscriptionIds'))";
        expect(module.copy?.count).toBe(`[length(${listed})]`);
        expect(module.subscriptionId).toBe(`[${listed}[copyIndex()]]`);
        expect(module.template.$schema).toContain('subscriptionDeploymentTemplate.json');
        expect(resolve(main, "[parameters('exportSubscriptionIds')]")).toEqual([]);
    });

    it('export FOCUS 1.2 as partitioned Snappy Parquet into msexports, daily and monthly', () => {
        const module = moduleOf(main, 'costExports');
        const [exports] = ofType(module.template, 'Microsoft.CostManagement/exports');
        expect(exports?.apiVersion).toBe('2025-03-01');
        expect(exports).toMatchObject({ identity: { type: 'SystemAssigned' } });
        expect(exports?.properties).toMatchObject({
            definition: {
                type: 'FocusCost',
                dataSet: { granularity: 'Daily', configuration: { dataVersion: '1.2-preview' } },
            },
            deliveryInfo: {
                destination: {
                    type: 'AzureBlob',
                    resourceId: "[parameters('storageAccountId')]",
                    container: "[parameters('containerName')]",
                },
            },
            format: 'Parquet',
            compressionMode: 'snappy',
            partitionData: true,
            dataOverwriteBehavior: 'CreateNewReport',
            schedule: { status: 'Active' },
        });
        expect(resolve(main, moduleParameter(module, 'containerName'))).toBe('msexports');
        const schedules = resolve(module.template, "[variables('schedules')]") as unknown[];
        expect(schedules.map((s) => [pick(s, 'recurrence'), pick(s, 'timeframe')])).toEqual([
            ['Daily', 'MonthToDate'],
            ['Monthly', 'TheLastMonth'],
        ]);
    });
});
