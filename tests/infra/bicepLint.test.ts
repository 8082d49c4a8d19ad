import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { ArmTemplate, compileBicep, compileParameters, installBicep, repoRoot, resourcesOf } from './bicepTemplate';

describe('Bicep sources', () => {
    beforeAll(() => {
        installBicep();
    });

    it('build and lint with no errors or warnings (npm run bicep)', () => {
        const output = execFileSync('bash', [join(repoRoot, 'scripts', 'bicep.sh')], { encoding: 'utf8' });
        expect(output).toContain('with no errors or warnings');
    });

    it('have an example parameters file that fits main.bicep', () => {
        const parameters = compileParameters();
        expect(parameters.parameters.functionCodeDeployed?.value).toBe(false);
        expect(parameters.parameters.instanceMemoryMB?.value).toBe(2048);
    });

    it('switch the parameters file to the second pass with FINOPS_HUB_CODE_DEPLOYED=true', () => {
        const parameters = compileParameters({ FINOPS_HUB_CODE_DEPLOYED: 'true' });
        expect(parameters.parameters.functionCodeDeployed?.value).toBe(true);
    });

    it('output the names, the ingestion DFS URL and the identity ids', () => {
        const outputs = compileBicep().outputs ?? {};
        expect(Object.keys(outputs)).toEqual(
            expect.arrayContaining([
                'dataStorageAccountName',
                'hostStorageAccountName',
                'functionAppName',
                'ingestionDfsUrl',
                'identityResourceId',
                'identityClientId',
                'identityPrincipalId',
            ]),
        );
        expect(outputs.ingestionDfsUrl?.value).toBe(
            "[format('{0}{1}', reference('dataStorage').outputs.endpoints.value.dfs, variables('hubContainers').ingestion)]",
        );
    });

    it('describe every parameter of main.bicep and of every module as Required. or Optional.', () => {
        const undescribed: string[] = [];
        const visit = (template: ArmTemplate, where: string) => {
            for (const [name, parameter] of Object.entries(template.parameters ?? {})) {
                const description = (parameter as { metadata?: { description?: string } }).metadata?.description;
                if (!/^(Required|Optional)\. \S/.test(description ?? '')) undescribed.push(`${where}: ${name}`);
            }
            for (const resource of resourcesOf(template))
                if (resource.type === 'Microsoft.Resources/deployments')
                    visit(resource.properties?.template as ArmTemplate, resource.symbolicName ?? resource.name);
        };
        visit(compileBicep(), 'main');
        expect(undescribed).toEqual([]);
    });
});
