import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readConfig } from '../../src/config';
import {
    ArmResource,
    ArmTemplate,
    compileBicep,
    moduleOf,
    moduleParameter,
    ofType,
    pick,
    repoRoot,
    resolve,
} from './bicepTemplate';

/** App settings Flex Consumption rejects or ignores (platform docs, "Flex Consumption plan deprecations"). */
const FORBIDDEN_SETTINGS = [
    'FUNCTIONS_WORKER_RUNTIME',
    'FUNCTIONS_WORKER_RUNTIME_VERSION',
    'WEBSITE_NODE_DEFAULT_VERSION',
    'FUNCTIONS_EXTENSION_VERSION',
    'WEBSITE_RUN_FROM_PACKAGE',
    'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
    'WEBSITE_CONTENTSHARE',
    'SCM_DO_BUILD_DURING_DEPLOYMENT',
    'ENABLE_ORYX_BUILD',
    'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
    'WEBSITE_TIME_ZONE',
    'TZ',
    'AzureWebJobsStorage',
    'HubStorage',
];

let main: ArmTemplate;
let functions: ArmTemplate;
let site: ArmResource;
let settings: Map<string, unknown>;

beforeAll(() => {
    main = compileBicep();
    functions = moduleOf(main, 'functionApp').template;
    const [found] = ofType(functions, 'Microsoft.Web/sites');
    if (!found) throw new Error('No function app in the template');
    site = found;
    const list = pick(site, 'properties.siteConfig.appSettings') as { name: string; value: unknown }[];
    settings = new Map(list.map((s) => [s.name, s.value]));
});

describe('function app', () => {
    it('runs on a Flex Consumption plan with Node 22 and parameterised scale', () => {
        const [plan] = ofType(functions, 'Microsoft.Web/serverfarms');
        expect(plan).toMatchObject({ kind: 'functionapp', sku: { name: 'FC1', tier: 'FlexConsumption' } });
        expect(site.kind).toBe('functionapp,linux');
        expect(pick(site, 'properties.functionAppConfig.runtime')).toEqual({ name: 'node', version: '22' });
        expect(pick(site, 'properties.functionAppConfig.scaleAndConcurrency')).toEqual({
            instanceMemoryMB: "[parameters('instanceMemoryMB')]",
            maximumInstanceCount: "[parameters('maximumInstanceCount')]",
        });
        expect(resolve(main, "[parameters('instanceMemoryMB')]")).toBe(2048);
        expect(resolve(main, "[parameters('maximumInstanceCount')]")).toBe(40);
    });

    it('deploys its package from a host container with the user-assigned identity', () => {
        expect(pick(site, 'properties.functionAppConfig.deployment.storage')).toEqual({
            type: 'blobContainer',
            value: "[parameters('deploymentContainerUrl')]",
            authentication: {
                type: 'UserAssignedIdentity',
                userAssignedIdentityResourceId: "[parameters('identityResourceId')]",
            },
        });
        expect(moduleParameter(moduleOf(main, 'functionApp'), 'deploymentContainerUrl')).toBe(
            "[reference('hostStorage').outputs.deploymentContainerUrl.value]",
        );
    });

    it('sets exactly the identity-based settings the code reads', () => {
        expect([...settings.keys()].sort()).toEqual(
            [
                'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
                'APPLICATIONINSIGHTS_CONNECTION_STRING',
                'AzureWebJobsStorage__blobServiceUri',
                'AzureWebJobsStorage__clientId',
                'AzureWebJobsStorage__credential',
                'AzureWebJobsStorage__queueServiceUri',
                'AzureWebJobsStorage__tableServiceUri',
                'HUB_DUCKDB_MEMORY_LIMIT',
                'HUB_DUCKDB_THREADS',
                'HUB_EXPORTS_CONTAINER',
                'HUB_INGESTION_CONTAINER',
                'HUB_PARTS_QUEUE',
                'HUB_RETENTION_MONTHS',
                'HUB_RUNS_TABLE',
                'HUB_SWEEP_SCHEDULE',
                'HUB_TELEMETRY',
                'HUB_TELEMETRY_ACCOUNTS',
                'HUB_TELEMETRY_APPINSIGHTS_ID',
                'HUB_TELEMETRY_CONSUMER_DIMENSION',
                'HUB_TELEMETRY_DEPLOYMENT_DIMENSION',
                'HUB_TELEMETRY_SCHEDULE',
                'HubStorage__blobServiceUri',
                'HubStorage__clientId',
                'HubStorage__credential',
                'HubStorage__queueServiceUri',
                'HubStorage__tableServiceUri',
            ].sort(),
        );
        expect(settings.get('AzureWebJobsStorage__credential')).toBe('managedidentity');
        expect(settings.get('HubStorage__credential')).toBe('managedidentity');
        expect(settings.get('HubStorage__blobServiceUri')).toBe("[parameters('dataEndpoints').blob]");
        expect(settings.get('AzureWebJobsStorage__blobServiceUri')).toBe("[parameters('hostEndpoints').blob]");
        expect(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe(
            "[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]",
        );
        // Half the instance memory: 1 GB on the default 2048 MB instance, 256 MB on a 512 MB one.
        expect(resolve(main, "[parameters('duckdbMemoryLimit')]")).toBe(
            "[format('{0}MB', div(parameters('instanceMemoryMB'), 2))]",
        );
        expect(resolve(main, "[parameters('instanceMemoryMB')]")).toBe(2048);
        expect(resolve(main, "[parameters('duckdbThreads')]")).toBe(1);
    });

    it('sets every app setting a trigger binds by name, to the names the code defaults to', () => {
        const functionsDir = join(repoRoot, 'functions');
        const bound = readdirSync(functionsDir, { recursive: true })
            .map(String)
            .filter((file) => file.endsWith('index.ts'))
            .flatMap((file) =>
                [...readFileSync(join(functionsDir, file), 'utf8').matchAll(/%(\w+)%/g)].map((m) => m[1]),
            );
        expect(new Set(bound)).toEqual(
            new Set(['HUB_EXPORTS_CONTAINER', 'HUB_PARTS_QUEUE', 'HUB_SWEEP_SCHEDULE', 'HUB_TELEMETRY_SCHEDULE']),
        );
        for (const name of bound) expect(settings.has(name ?? '')).toBe(true);
        const config = readConfig({});
        const setting = (name: string) => resolve(functions, settings.get(name));
        expect(setting('HUB_EXPORTS_CONTAINER')).toBe(config.exportsContainer);
        expect(setting('HUB_INGESTION_CONTAINER')).toBe(config.ingestionContainer);
        expect(setting('HUB_PARTS_QUEUE')).toBe(config.partsQueue);
        expect(setting('HUB_RUNS_TABLE')).toBe(config.runsTable);
        expect(resolve(functions, "[parameters('sweepSchedule')]")).toBe('0 */15 * * * *');
        expect(settings.get('HUB_RETENTION_MONTHS')).toBe("[string(parameters('retentionMonths'))]");
        expect(resolve(functions, "[parameters('retentionMonths')]")).toBe(config.retentionMonths);
    });

    it('sets none of the settings Flex Consumption rejects', () => {
        for (const name of FORBIDDEN_SETTINGS) expect(settings.has(name)).toBe(false);
        const siteConfig = pick(site, 'properties.siteConfig') as Record<string, unknown>;
        for (const key of ['alwaysOn', 'linuxFxVersion', 'functionAppScaleLimit'])
            expect(siteConfig).not.toHaveProperty(key);
    });

    it('uses no keys, SAS or connection strings anywhere', () => {
        const json = JSON.stringify(main);
        expect(json).not.toMatch(/AccountKey|SharedAccessSignature|DefaultEndpointsProtocol|InstrumentationKey=/);
        expect(json).not.toMatch(/listKeys\([^)]*Microsoft\.Storage/);
        expect(json).not.toMatch(/listAccountSas|listServiceSas|listConnectionStrings/);
        expect(json.match(/listKeys\(/g)).toHaveLength(1);
        expect(json).toContain("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites'");
        for (const output of Object.values(main.outputs ?? {})) expect(output.type).not.toMatch(/^secure/i);
    });

    it('turns off FTP and basic publishing credentials and enforces HTTPS and TLS 1.2', () => {
        expect(site.properties).toMatchObject({ httpsOnly: true });
        expect(pick(site, 'properties.siteConfig')).toMatchObject({ minTlsVersion: '1.2', ftpsState: 'Disabled' });
        const policies = ofType(functions, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
        expect(policies.map((p) => [p.name, p.properties?.allow])).toEqual([
            ["[format('{0}/{1}', parameters('appName'), 'ftp')]", false],
            ["[format('{0}/{1}', parameters('appName'), 'scm')]", false],
        ]);
    });

    it('sends telemetry to workspace-based Application Insights with local auth disabled', () => {
        const monitoring = moduleOf(main, 'monitoring').template;
        const [component] = ofType(monitoring, 'Microsoft.Insights/components');
        expect(component?.properties).toMatchObject({
            DisableLocalAuth: true,
            WorkspaceResourceId: expect.stringContaining('Microsoft.OperationalInsights/workspaces'),
        });
        const [workspace] = ofType(monitoring, 'Microsoft.OperationalInsights/workspaces');
        expect(pick(workspace, 'properties.features.disableLocalAuth')).toBe(true);
    });
});
