import {
    allResources,
    ArmTemplate,
    compileBicep,
    moduleOf,
    moduleParameter,
    ofType,
    PredictedResource,
    SNAPSHOT_RG_ID,
    snapshotBicep,
} from './bicepTemplate';

/** Built-in role definition IDs by name (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
const ROLES: Record<string, string> = {
    Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'Storage Account Contributor': '17d1049b-9a84-46fb-8f53-869881c3d3ab',
    'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
    'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
    'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
};
const ROLE_ASSIGNMENT = 'Microsoft.Authorization/roleAssignments';

/** One role assignment as deployed: its scope (relative to the resource group), role name and principal. */
interface Grant {
    scope: string;
    role: string;
    /** `function` (the app's user-assigned identity), `eventGridTopic` (the system topic), or the raw principal ID. */
    principal: string;
    principalType: unknown;
}

let main: ArmTemplate;
let grants: Grant[];
let dataAccount: string;
let hostAccount: string;
let appInsights: string;

function grantOf(resource: PredictedResource): Grant {
    const [scope = ''] = resource.id.split(`/providers/${ROLE_ASSIGNMENT}/`);
    const roleId = String(resource.properties?.roleDefinitionId).split('/').pop() ?? '';
    const principalId = String(resource.properties?.principalId);
    return {
        scope: scope.replace(`${SNAPSHOT_RG_ID}/providers/`, ''),
        role: Object.keys(ROLES).find((name) => ROLES[name] === roleId) ?? roleId,
        principal: /userAssignedIdentities\/id-/.test(principalId)
            ? 'function'
            : /Microsoft\.EventGrid\/systemTopics\//.test(principalId)
              ? 'eventGridTopic'
              : principalId,
        principalType: resource.properties?.principalType,
    };
}

beforeAll(() => {
    main = compileBicep();
    const resources = snapshotBicep();
    grants = resources.filter((r) => r.type === ROLE_ASSIGNMENT).map(grantOf);
    const accounts = resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    dataAccount = `Microsoft.Storage/storageAccounts/${accounts.find((a) => a.properties?.isHnsEnabled)?.name}`;
    hostAccount = `Microsoft.Storage/storageAccounts/${accounts.find((a) => !a.properties?.isHnsEnabled)?.name}`;
    appInsights = `Microsoft.Insights/components/${resources.find((r) => r.type === 'Microsoft.Insights/components')?.name}`;
});

const container = (name: string) => `${dataAccount}/blobServices/default/containers/${name}`;
const sorted = (list: { scope: string; role: string }[]) =>
    list.map(({ scope, role }) => `${scope} : ${role}`).sort((a, b) => a.localeCompare(b));

describe('role assignments', () => {
    it('give the function identity exactly its roles, each on the narrowest resource that works', () => {
        expect(sorted(grants.filter((g) => g.principal === 'function'))).toEqual(
            sorted([
                { scope: container('msexports'), role: 'Storage Blob Data Reader' },
                { scope: container('ingestion'), role: 'Storage Blob Data Contributor' },
                { scope: dataAccount, role: 'Storage Queue Data Contributor' },
                { scope: dataAccount, role: 'Storage Table Data Contributor' },
                { scope: hostAccount, role: 'Storage Blob Data Owner' },
                { scope: hostAccount, role: 'Storage Queue Data Contributor' },
                { scope: hostAccount, role: 'Storage Table Data Contributor' },
                { scope: appInsights, role: 'Monitoring Metrics Publisher' },
            ]),
        );
    });

    it('give the function identity no owner, contributor or account-wide blob role on the data lake account', () => {
        const onData = grants.filter((g) => g.principal === 'function' && g.scope.startsWith(dataAccount));
        expect(onData.length).toBeGreaterThan(0);
        for (const grant of onData) {
            expect(grant.role).not.toMatch(/Owner|^Contributor$|Storage Account Contributor|User Access Administrator/);
            if (grant.scope === dataAccount) expect(grant.role).not.toMatch(/^Storage Blob Data/);
        }
    });

    it('let only the function write blobs in ingestion and Event Grid in eventgrid-deadletter', () => {
        const blobWriters = grants.filter(
            (g) => g.scope.startsWith(dataAccount) && /^Storage Blob Data (Contributor|Owner)$/.test(g.role),
        );
        expect(blobWriters.map(({ scope, principal }) => ({ scope, principal }))).toEqual(
            expect.arrayContaining([
                { scope: container('ingestion'), principal: 'function' },
                { scope: container('eventgrid-deadletter'), principal: 'eventGridTopic' },
            ]),
        );
        expect(blobWriters).toHaveLength(2);
        expect(blobWriters.find((g) => g.principal === 'eventGridTopic')?.role).toBe('Storage Blob Data Contributor');
    });

    it('scope the container roles to the containers the code names, through existing container resources', () => {
        const roles = moduleOf(main, 'roleAssignments').template;
        const byName = new Map(ofType(roles, ROLE_ASSIGNMENT).map((r) => [r.symbolicName, r]));
        const containerScope = (key: string) =>
            `[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('dataAccountName'), 'default', variables('hubContainers').${key})]`;
        expect(byName.get('exportsReader')?.scope).toBe(containerScope('exports'));
        expect(byName.get('ingestionWriter')?.scope).toBe(containerScope('ingestion'));
        const module = moduleOf(main, 'roleAssignments');
        expect(moduleParameter(module, 'dataAccountName')).toBe(moduleParameter(moduleOf(main, 'dataStorage'), 'name'));
        expect(moduleParameter(module, 'hostAccountName')).toBe(moduleParameter(moduleOf(main, 'hostStorage'), 'name'));
        expect(moduleParameter(module, 'appInsightsName')).toBe(
            moduleParameter(moduleOf(main, 'monitoring'), 'appInsightsName'),
        );
        expect(module.dependsOn).toEqual(expect.arrayContaining(['dataStorage', 'hostStorage', 'monitoring']));
    });

    it('assign every role to a service principal, never to the resource group or subscription', () => {
        expect(grants).toHaveLength(9);
        for (const grant of grants) {
            expect(grant.principal).toMatch(/^(function|eventGridTopic)$/);
            expect(grant.principalType).toBe('ServicePrincipal');
            expect(grant.scope).toMatch(/^Microsoft\.(Storage|Insights)\//);
        }
        // Only the telemetry readers are subscription-wide, on the subscriptions listed for them (telemetry.test.ts).
        const readers = new Set(allResources(moduleOf(main, 'telemetryReaders').template).map((r) => r.name));
        const compiled = allResources(main).filter((r) => r.type === ROLE_ASSIGNMENT && !readers.has(r.name));
        for (const granted of compiled)
            expect(granted.scope).toMatch(/^\[resourceId\('Microsoft\.(Storage|Insights)\//);
    });
});
