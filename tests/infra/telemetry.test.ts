import {
    allResources,
    ArmTemplate,
    compileBicep,
    moduleOf,
    ofType,
    pick,
    PredictedResource,
    resolve,
    SNAPSHOT_RG_ID,
    snapshotBicep,
} from './bicepTemplate';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const MONITORING_READER = '43d0d8ad-25c7-4714-9337-8ba259a9fe05';
const BLOB_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const SUBSCRIPTIONS = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const INSIGHTS =
    '/subscriptions/33333333-3333-4333-8333-333333333333/resourceGroups/rg-apim/providers/Microsoft.Insights/components/appi-apim';
const ACCOUNT =
    '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai';

/** A predicted role assignment: where, which role, whether it is the function identity's, and its condition. */
function grants(resources: PredictedResource[]) {
    return resources
        .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
        .map((r) => ({
            scope: r.id.split('/providers/Microsoft.Authorization/roleAssignments/')[0] ?? '',
            role: String(r.properties?.roleDefinitionId).split('/').pop(),
            identity: /userAssignedIdentities\/id-/.test(String(r.properties?.principalId)),
            condition: r.properties?.condition as string | undefined,
        }));
}

/** The function app's settings as the snapshot predicts them. */
function appSettings(resources: PredictedResource[]): Map<string, unknown> {
    const site = resources.find((r) => r.type === 'Microsoft.Web/sites');
    const list = pick(site, 'properties.siteConfig.appSettings') as { name: string; value: unknown }[];
    return new Map(list.map((s) => [s.name, s.value]));
}

let main: ArmTemplate;
let off: PredictedResource[];
let on: PredictedResource[];

beforeAll(() => {
    main = compileBicep();
    off = snapshotBicep();
    on = snapshotBicep({
        telemetrySubscriptionIds: SUBSCRIPTIONS,
        telemetryAccountIds: [ACCOUNT],
        telemetryAppInsightsResourceId: INSIGHTS,
        telemetryConsumerDimension: 'Team',
    });
});

describe('telemetry timer infrastructure', () => {
    it('is off, with no telemetry role, until subscriptions (or a management group) are listed', () => {
        const settings = appSettings(off);
        expect(settings.get('HUB_TELEMETRY')).toBe('off');
        expect(settings.get('HUB_TELEMETRY_SCHEDULE')).toBe('0 30 2 * * *');
        const roles = grants(off).map((g) => g.role);
        expect(roles).not.toContain(READER);
        expect(roles).not.toContain(MONITORING_READER);
        expect(grants(off).filter((g) => g.condition !== undefined)).toEqual([]);
    });

    it('turns the timer on with its settings when subscriptions are listed', () => {
        const settings = appSettings(on);
        expect(settings.get('HUB_TELEMETRY')).toBe('on');
        expect(settings.get('HUB_TELEMETRY_ACCOUNTS')).toBe(ACCOUNT);
        expect(settings.get('HUB_TELEMETRY_APPINSIGHTS_ID')).toBe(INSIGHTS);
        expect(settings.get('HUB_TELEMETRY_CONSUMER_DIMENSION')).toBe('Team');
        expect(settings.get('HUB_TELEMETRY_DEPLOYMENT_DIMENSION')).toBe('Deployment');
    });

    it('grants the identity Reader and Monitoring Reader on each listed subscription, and nowhere else', () => {
        const readers = grants(on).filter((g) => g.role === READER || g.role === MONITORING_READER);
        const expected = SUBSCRIPTIONS.flatMap((id) =>
            [READER, MONITORING_READER].map((role) => `/subscriptions/${id} ${role}`),
        );
        expected.push(`${INSIGHTS} ${MONITORING_READER}`);
        expect(readers.map((g) => `${g.scope} ${g.role}`).sort()).toEqual(expected.sort());
        expect(readers.every((g) => g.identity)).toBe(true);
    });

    it('lets the identity write in msexports only under telemetry/ (an ABAC condition), exports stay read-only', () => {
        const [writer, ...others] = grants(on).filter(
            (g) => g.role === BLOB_CONTRIBUTOR && g.scope.endsWith('/blobServices/default/containers/msexports'),
        );
        expect(others).toEqual([]);
        expect(writer?.scope.startsWith(`${SNAPSHOT_RG_ID}/providers/Microsoft.Storage/storageAccounts/`)).toBe(true);
        expect(writer?.condition).toContain("blobs:path] StringStartsWith 'telemetry/'");
        // A move (blobs/move/action, a rename on the hierarchical namespace) is a write at both ends.
        for (const action of ['blobs/write', 'blobs/add/action', 'blobs/delete', 'blobs/move/action']) {
            expect(writer?.condition).toContain(
                `!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/${action}'})`,
            );
        }
    });

    it('compiles a management-group template granting the same two roles there', () => {
        const module = moduleOf(main, 'telemetryReaders');
        expect(module.subscriptionId).toBe("[parameters('telemetrySubscriptionIds')[copyIndex()]]");
        const template = compileBicep('telemetryReadersManagementGroup.bicep');
        expect(template.$schema).toContain('managementGroupDeploymentTemplate.json');
        const [group] = ofType(template, 'Microsoft.Authorization/roleAssignments');
        expect(group?.properties?.roleDefinitionId).toContain('tenantResourceId');
        expect(resolve(template, "[variables('roleIds')]")).toMatchObject({
            reader: READER,
            monitoringReader: MONITORING_READER,
        });
        expect(allResources(module.template).every((r) => r.type === 'Microsoft.Authorization/roleAssignments')).toBe(
            true,
        );
    });
});
