import {
    allResources,
    ArmTemplate,
    compileBicep,
    moduleOf,
    moduleParameter,
    ofType,
    pick,
    PredictedResource,
    resolve,
    snapshotBicep,
} from './bicepTemplate';

let main: ArmTemplate;
let data: ArmTemplate;
let host: ArmTemplate;

beforeAll(() => {
    main = compileBicep();
    data = moduleOf(main, 'dataStorage').template;
    host = moduleOf(main, 'hostStorage').template;
});

describe('storage accounts', () => {
    it('apply the security defaults to every account', () => {
        const accounts = allResources(main).filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
        expect(accounts).toHaveLength(2);
        for (const account of accounts) {
            expect(account.properties).toMatchObject({
                supportsHttpsTrafficOnly: true,
                minimumTlsVersion: 'TLS1_2',
                allowBlobPublicAccess: false,
                defaultToOAuthAuthentication: true,
            });
            expect(pick(account, 'kind')).toBe('StorageV2');
        }
    });

    it('turn shared key off on the host account and leave the data account to a parameter', () => {
        const [hostAccount] = ofType(host, 'Microsoft.Storage/storageAccounts');
        const [dataAccount] = ofType(data, 'Microsoft.Storage/storageAccounts');
        expect(hostAccount?.properties?.allowSharedKeyAccess).toBe(false);
        expect(dataAccount?.properties?.allowSharedKeyAccess).toBe("[parameters('allowSharedKeyAccess')]");
        expect(moduleParameter(moduleOf(main, 'dataStorage'), 'allowSharedKeyAccess')).toBe(
            "[parameters('dataStorageAllowSharedKeyAccess')]",
        );
        expect(dataAccount?.properties?.isHnsEnabled).toBe(true);
        expect(hostAccount?.properties?.isHnsEnabled).toBeUndefined();
    });

    it('create the containers, queue and table the code uses, all private', () => {
        const containers = ofType(data, 'Microsoft.Storage/storageAccounts/blobServices/containers');
        expect(Object.values(resolve(data, "[variables('hubContainers')]") as object)).toEqual(
            expect.arrayContaining(['msexports', 'ingestion', 'config']),
        );
        expect(containers[0]?.copy?.count).toBe("[length(items(variables('hubContainers')))]");
        for (const container of allResources(main).filter((r) => r.type.endsWith('/blobServices/containers'))) {
            expect(container.properties?.publicAccess).toBe('None');
        }
        const [queue] = ofType(data, 'Microsoft.Storage/storageAccounts/queueServices/queues');
        const [table] = ofType(data, 'Microsoft.Storage/storageAccounts/tableServices/tables');
        expect(queue?.name).toBe("[format('{0}/{1}/{2}', parameters('name'), 'default', variables('hubPartsQueue'))]");
        expect(resolve(data, "[variables('hubPartsQueue')]")).toBe('hub-parts');
        expect(table?.name).toBe("[format('{0}/{1}/{2}', parameters('name'), 'default', variables('hubRunsTable'))]");
        expect(resolve(data, "[variables('hubRunsTable')]")).toBe('hubruns');
    });

    it('give the host account the deployment package container', () => {
        const [container] = ofType(host, 'Microsoft.Storage/storageAccounts/blobServices/containers');
        expect(container?.name).toContain("parameters('deploymentContainerName')");
        expect(pick(host.outputs, 'deploymentContainerUrl.value')).toContain("parameters('deploymentContainerName')");
    });

    it('expire raw exports blob by blob, and leave published months to the sweep, which deletes them whole', () => {
        const [policy] = ofType(data, 'Microsoft.Storage/storageAccounts/managementPolicies');
        const rules = pick(policy, 'properties.policy.rules') as unknown[];
        const summary = rules.map((rule) => ({
            prefix: resolve(data, pick(rule, 'definition.filters.prefixMatch.0')),
            days: pick(rule, 'definition.actions.baseBlob.delete.daysAfterModificationGreaterThan'),
            enabled: pick(rule, 'enabled'),
        }));
        // A lifecycle rule ages each blob on its own: on ingestion/ it could delete a folder's manifest.json and its
        // Parquet files on different days. Retention of published data is the sweep's (HUB_RETENTION_MONTHS).
        expect(summary).toEqual([
            {
                prefix: "[format('{0}/', variables('hubContainers').exports)]",
                days: "[parameters('rawExportRetentionDays')]",
                enabled: true,
            },
        ]);
        expect(resolve(main, "[parameters('rawExportRetentionDays')]")).toBe(30);
        expect(moduleParameter(moduleOf(main, 'dataStorage'), 'rawExportRetentionDays')).toBe(
            "[parameters('rawExportRetentionDays')]",
        );
        expect(resolve(main, "[parameters('ingestionRetentionMonths')]")).toBe(13);
        expect(moduleParameter(moduleOf(main, 'functionApp'), 'retentionMonths')).toBe(
            "[parameters('ingestionRetentionMonths')]",
        );
    });
});

/** The data lake account's blob service as a snapshot predicts it. */
function dataBlobService(resources: PredictedResource[]): PredictedResource | undefined {
    const account = resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts' && r.properties?.isHnsEnabled);
    return resources.find(
        (r) => r.type === 'Microsoft.Storage/storageAccounts/blobServices' && r.name === `${account?.name}/default`,
    );
}

describe('data protection on the data lake account', () => {
    it('keeps deleted blobs, directories and containers restorable, 14 days each by default', () => {
        const [blobService] = ofType(data, 'Microsoft.Storage/storageAccounts/blobServices');
        expect(blobService?.properties).toEqual({
            deleteRetentionPolicy: { enabled: true, days: "[parameters('blobSoftDeleteRetentionDays')]" },
            containerDeleteRetentionPolicy: { enabled: true, days: "[parameters('containerSoftDeleteRetentionDays')]" },
        });
        const module = moduleOf(main, 'dataStorage');
        expect(moduleParameter(module, 'blobSoftDeleteRetentionDays')).toBe(
            "[parameters('blobSoftDeleteRetentionDays')]",
        );
        expect(moduleParameter(module, 'containerSoftDeleteRetentionDays')).toBe(
            "[parameters('containerSoftDeleteRetentionDays')]",
        );
        expect(dataBlobService(snapshotBicep())?.properties).toEqual({
            deleteRetentionPolicy: { enabled: true, days: 14 },
            containerDeleteRetentionPolicy: { enabled: true, days: 14 },
        });
    });

    it('takes the retention days from the deployment parameters', () => {
        const resources = snapshotBicep({ blobSoftDeleteRetentionDays: 30, containerSoftDeleteRetentionDays: 7 });
        expect(dataBlobService(resources)?.properties).toEqual({
            deleteRetentionPolicy: { enabled: true, days: 30 },
            containerDeleteRetentionPolicy: { enabled: true, days: 7 },
        });
    });

    it('limits retention to the 1-365 days Azure accepts', () => {
        for (const name of ['blobSoftDeleteRetentionDays', 'containerSoftDeleteRetentionDays']) {
            expect(main.parameters?.[name]).toMatchObject({ minValue: 1, maxValue: 365 });
            expect(data.parameters?.[name]).toMatchObject({ minValue: 1, maxValue: 365 });
        }
    });

    it('turns on no versioning, change feed or point-in-time restore, which a hierarchical namespace does not support', () => {
        const json = JSON.stringify(data);
        for (const feature of ['isVersioningEnabled', 'changeFeed', 'restorePolicy'])
            expect(json).not.toContain(feature);
        const [policy] = ofType(data, 'Microsoft.Storage/storageAccounts/managementPolicies');
        const rules = pick(policy, 'properties.policy.rules') as unknown[];
        // Lifecycle rules act on base blobs only: version actions need versioning, and on an account with soft
        // delete their deletions become soft deletes like any other (docs/data-protection.md).
        for (const rule of rules) expect(Object.keys(pick(rule, 'definition.actions') as object)).toEqual(['baseBlob']);
    });
});
