import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { listFiles } from '../helpers/listFiles';
import { ArmTemplate, compileBicep, compileParameters, installBicep, repoRoot, resourcesOf } from './bicepTemplate';

/**
 * What `npm run bicep` prints, run again only when infra/, the script or the compiler changed since its last clean
 * run (recorded under .tools/bicep-lint/, like the compiled templates under .tools/bicep-cache/).
 */
function cleanBicepOutput(): string {
    const hash = createHash('sha256').update(installBicep());
    const script = join(repoRoot, 'scripts', 'bicep.sh');
    for (const path of [script, ...listFiles(join(repoRoot, 'infra'))]) {
        hash.update(relative(repoRoot, path)).update(readFileSync(path));
    }
    const record = join(repoRoot, '.tools', 'bicep-lint', hash.digest('hex').slice(0, 16));
    if (existsSync(record)) return readFileSync(record, 'utf8');
    const output = execFileSync('bash', [script], { encoding: 'utf8' });
    mkdirSync(dirname(record), { recursive: true });
    writeFileSync(`${record}.${process.pid}`, output);
    renameSync(`${record}.${process.pid}`, record);
    return output;
}

describe('Bicep sources', () => {
    beforeAll(() => {
        installBicep();
    });

    it('build and lint with no errors or warnings (npm run bicep)', () => {
        expect(cleanBicepOutput()).toContain('with no errors or warnings');
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
