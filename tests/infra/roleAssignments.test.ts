import {
    allResources,
    ArmResource,
    ArmTemplate,
    compileBicep,
    moduleOf,
    moduleParameter,
    ofType,
    resolve,
} from './bicepTemplate';

const ROLES = {
    blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
    tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
    metricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
};
const ROLE_ASSIGNMENT = 'Microsoft.Authorization/roleAssignments';

let main: ArmTemplate;
let roles: ArmTemplate;

beforeAll(() => {
    main = compileBicep();
    roles = moduleOf(main, 'roleAssignments').template;
});

/** The role definition IDs one role assignment resource grants (one per copy-loop iteration). */
function grantedRoles(template: ArmTemplate, assignment: ArmResource): string[] {
    const roleDefinitionId = String(assignment.properties?.roleDefinitionId);
    const match = /^\[subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', (.+)\)\]$/.exec(
        roleDefinitionId,
    );
    const argument = match?.[1] ?? '';
    const loop = /^(.+)\[copyIndex\(\)\]$/.exec(argument);
    const resolved = resolve(template, `[${loop?.[1] ?? argument}]`);
    return (Array.isArray(resolved) ? resolved : [resolved]).map((id) => String(resolve(template, id)));
}

function assignment(symbolicName: string): ArmResource {
    const found = ofType(roles, ROLE_ASSIGNMENT).find((r) => r.symbolicName === symbolicName);
    if (!found) throw new Error(`No role assignment ${symbolicName}`);
    return found;
}

describe('role assignments', () => {
    it('grant the function identity blob owner, queue and table contributor on the data account', () => {
        const dataRoles = assignment('dataRoles');
        expect(dataRoles.scope).toBe(
            "[resourceId('Microsoft.Storage/storageAccounts', parameters('dataAccountName'))]",
        );
        expect(grantedRoles(roles, dataRoles)).toEqual([
            ROLES.blobDataOwner,
            ROLES.queueDataContributor,
            ROLES.tableDataContributor,
        ]);
        expect(moduleParameter(moduleOf(main, 'roleAssignments'), 'dataAccountName')).toBe(
            moduleParameter(moduleOf(main, 'dataStorage'), 'name'),
        );
    });

    it('grant the same three roles on the host account', () => {
        const hostRoles = assignment('hostRoles');
        expect(hostRoles.scope).toBe(
            "[resourceId('Microsoft.Storage/storageAccounts', parameters('hostAccountName'))]",
        );
        expect(grantedRoles(roles, hostRoles)).toEqual([
            ROLES.blobDataOwner,
            ROLES.queueDataContributor,
            ROLES.tableDataContributor,
        ]);
        expect(moduleParameter(moduleOf(main, 'roleAssignments'), 'hostAccountName')).toBe(
            moduleParameter(moduleOf(main, 'hostStorage'), 'name'),
        );
    });

    it('grant Monitoring Metrics Publisher on the Application Insights component only', () => {
        const publisher = assignment('metricsPublisher');
        expect(publisher.scope).toBe("[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]");
        expect(grantedRoles(roles, publisher)).toEqual([ROLES.metricsPublisher]);
        expect(moduleParameter(moduleOf(main, 'roleAssignments'), 'appInsightsName')).toBe(
            moduleParameter(moduleOf(main, 'monitoring'), 'appInsightsName'),
        );
    });

    it('assign every role to the function identity as a service principal', () => {
        for (const granted of ofType(roles, ROLE_ASSIGNMENT)) {
            expect(granted.properties).toMatchObject({
                principalId: "[parameters('principalId')]",
                principalType: 'ServicePrincipal',
            });
        }
        expect(moduleParameter(moduleOf(main, 'roleAssignments'), 'principalId')).toBe(
            "[reference('identity').outputs.principalId.value]",
        );
    });

    it('let the Event Grid topic write only to the dead-letter container', () => {
        const topic = moduleOf(main, 'eventGridTopic').template;
        const [writer] = ofType(topic, ROLE_ASSIGNMENT);
        expect(writer?.scope).toMatch(
            /^\[resourceId\('Microsoft\.Storage\/storageAccounts\/blobServices\/containers', parameters\('dataAccountName'\), 'default', parameters\('deadLetterContainerName'\)\)\]$/,
        );
        expect(writer && grantedRoles(topic, writer)).toEqual([ROLES.blobDataContributor]);
        expect(writer?.properties?.principalId).toContain('identity.principalId');
    });

    it('scope every role assignment to a resource, never to the resource group or subscription', () => {
        const all = allResources(main).filter((r) => r.type === ROLE_ASSIGNMENT);
        expect(all).toHaveLength(4);
        for (const granted of all) expect(granted.scope).toMatch(/^\[resourceId\('Microsoft\.(Storage|Insights)\//);
    });
});
