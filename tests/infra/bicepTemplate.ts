import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { listFiles } from '../helpers/listFiles';

/** Repository root. */
export const repoRoot = join(__dirname, '..', '..');
const infraDir = join(repoRoot, 'infra', 'bicep');
const cacheDir = join(repoRoot, '.tools', 'bicep-cache');

/** One resource of a compiled ARM template (symbolic-name templates are normalised to a list). */
export interface ArmResource {
    type: string;
    name: string;
    symbolicName?: string;
    scope?: string;
    condition?: string;
    subscriptionId?: string;
    copy?: { name: string; count: string };
    properties?: Record<string, unknown>;
    [key: string]: unknown;
}

/** A compiled ARM template. */
export interface ArmTemplate {
    $schema: string;
    parameters?: Record<string, { defaultValue?: unknown }>;
    variables?: Record<string, unknown>;
    resources: ArmResource[] | Record<string, ArmResource>;
    outputs?: Record<string, { type: string; value: unknown }>;
}

/** Fetches the Bicep compiler through scripts/installBicep.mjs (cached under .tools/) and returns its path. */
export function installBicep(): string {
    try {
        return execFileSync(process.execPath, [join(repoRoot, 'scripts', 'installBicep.mjs')], {
            encoding: 'utf8',
            stdio: 'pipe',
        }).trim();
    } catch (error) {
        throw new Error(`Cannot install the Bicep compiler: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
}

/** Compiles infra/bicep/main.bicep (or another template there) with the real compiler; cached by infra/bicep content. */
export function compileBicep(file = 'main.bicep'): ArmTemplate {
    return JSON.parse(cachedBuild(file, 'build')) as ArmTemplate;
}

/** Compiles infra/bicep/main.bicepparam with the given `FINOPS_HUB_*` variables and returns the ARM parameters file. */
export function compileParameters(variables: Record<string, string> = {}): {
    parameters: Record<string, { value: unknown } | undefined>;
} {
    const output = JSON.parse(cachedBuild('main.bicepparam', 'build-params', variables)) as { parametersJson: string };
    return JSON.parse(output.parametersJson) as { parameters: Record<string, { value: unknown } | undefined> };
}

function cachedBuild(file: string, command: 'build' | 'build-params', variables: Record<string, string> = {}): string {
    const bicep = installBicep();
    const hash = createHash('sha256').update(bicep).update(JSON.stringify(variables));
    for (const path of listFiles(infraDir)) hash.update(relative(infraDir, path)).update(readFileSync(path));
    const cached = join(cacheDir, `${file}-${hash.digest('hex').slice(0, 16)}.json`);
    if (!existsSync(cached)) {
        const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FINOPS_HUB_')));
        const json = execFileSync(bicep, [command, join(infraDir, file), '--stdout'], {
            encoding: 'utf8',
            env: { ...env, ...variables },
        });
        mkdirSync(cacheDir, { recursive: true });
        const partial = `${cached}.${process.pid}`;
        writeFileSync(partial, json);
        renameSync(partial, cached);
    }
    return readFileSync(cached, 'utf8');
}

/** A resource as `bicep snapshot` predicts it: parameters, conditions, loops and names evaluated, `id` fully resolved. */
export interface PredictedResource {
    id: string;
    type: string;
    name: string;
    location?: string;
    kind?: string;
    properties?: Record<string, unknown>;
    [key: string]: unknown;
}

/** Fixed deployment scope for snapshots, so that resource IDs in assertions are predictable. */
export const SNAPSHOT_SCOPE = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg-hub' };

/** Resource ID prefix of everything a snapshot deploys into the resource group. */
export const SNAPSHOT_RG_ID = `/subscriptions/${SNAPSHOT_SCOPE.subscriptionId}/resourceGroups/${SNAPSHOT_SCOPE.resourceGroup}`;

/**
 * What `main.bicep` deploys with the given parameters (the rest keep their defaults), predicted by `bicep snapshot`,
 * which evaluates the template offline. Cached like `compileBicep`, by infra/bicep content and the parameters.
 */
export function snapshotBicep(parameters: Record<string, unknown> = {}): PredictedResource[] {
    const bicep = installBicep();
    const lines = Object.entries(parameters).map(([name, value]) => `param ${name} = ${bicepLiteral(value)}`);
    const hash = createHash('sha256').update(bicep).update(lines.join('\n'));
    for (const path of listFiles(infraDir)) hash.update(relative(infraDir, path)).update(readFileSync(path));
    const key = hash.digest('hex').slice(0, 16);
    const snapshot = join(repoRoot, '.tools', 'bicep-snapshots', `${key}.json`);
    if (!existsSync(snapshot)) {
        // Each process works in its own folder and renames the finished file, so parallel workers never read half a file.
        const dir = join(repoRoot, '.tools', 'bicep-snapshots', `${key}-${process.pid}`);
        mkdirSync(dir, { recursive: true });
        const using = relative(dir, join(infraDir, 'main.bicep')).split('\\').join('/');
        writeFileSync(join(dir, 'test.bicepparam'), [`using '${using}'`, ...lines, ''].join('\n'));
        const args = ['snapshot', join(dir, 'test.bicepparam'), '--location', 'swedencentral'];
        args.push('--subscription-id', SNAPSHOT_SCOPE.subscriptionId, '--resource-group', SNAPSHOT_SCOPE.resourceGroup);
        try {
            execFileSync(bicep, args, { encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
            rmSync(dir, { recursive: true, force: true });
            const output = error as { stdout?: string; stderr?: string };
            throw new Error(`bicep snapshot failed: ${output.stdout ?? ''}${output.stderr ?? String(error)}`);
        }
        renameSync(join(dir, 'test.snapshot.json'), snapshot);
        rmSync(dir, { recursive: true, force: true });
    }
    const json = JSON.parse(readFileSync(snapshot, 'utf8')) as { predictedResources: PredictedResource[] };
    return json.predictedResources;
}

/** A JSON value written as a Bicep literal (strings single-quoted, arrays and objects on one line). */
function bicepLiteral(value: unknown): string {
    if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    if (Array.isArray(value)) return `[${value.map(bicepLiteral).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).map(([key, item]) => `'${key}': ${bicepLiteral(item)}`);
        return `{ ${entries.join(', ')} }`;
    }
    return JSON.stringify(value);
}

/** The resources a template deploys (not `existing` references), with `symbolicName` set where the template has one. */
export function resourcesOf(template: ArmTemplate): ArmResource[] {
    const resources = Array.isArray(template.resources)
        ? template.resources
        : Object.entries(template.resources).map(([symbolicName, resource]) => ({ ...resource, symbolicName }));
    return resources.filter((resource) => resource.existing !== true);
}

/** The module deployment called `name` (symbolic name or deployment name) in a template. */
export function moduleOf(template: ArmTemplate, name: string): ArmResource & { template: ArmTemplate } {
    const module = resourcesOf(template).find(
        (r) => r.type === 'Microsoft.Resources/deployments' && (r.symbolicName === name || r.name === name),
    );
    if (!module) throw new Error(`No module ${name} in the template`);
    return { ...module, template: module.properties?.template as ArmTemplate };
}

/** The value `main` passes to a module parameter (an ARM expression or a literal). */
export function moduleParameter(module: ArmResource, name: string): unknown {
    return pick(module.properties, `parameters.${name}.value`);
}

/** Every resource in the template and in all nested module templates. */
export function allResources(template: ArmTemplate): ArmResource[] {
    return resourcesOf(template).flatMap((resource) => {
        const nested = pick(resource.properties, 'template') as ArmTemplate | undefined;
        return nested && resource.type === 'Microsoft.Resources/deployments' ? allResources(nested) : [resource];
    });
}

/** Resources of one type (case-insensitive) in a template, without descending into modules. */
export function ofType(template: ArmTemplate, type: string): ArmResource[] {
    return resourcesOf(template).filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

/** Follows a dotted path (`a.b.0.c`) through nested objects and arrays. */
export function pick(value: unknown, path: string): unknown {
    return path.split('.').reduce<unknown>((current, key) => {
        if (current === null || typeof current !== 'object') return undefined;
        return (current as Record<string, unknown>)[key];
    }, value);
}

/** Resolves `[variables('x').a.b]` and `[parameters('p')]` (default value) expressions, recursively. */
export function resolve(template: ArmTemplate, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => resolve(template, item));
    if (typeof value !== 'string') return value;
    const match = /^\[(variables|parameters)\('([^']+)'\)((?:\.\w+)*)\]$/.exec(value);
    if (!match) return value;
    const [, kind, name = '', path = ''] = match;
    const root = kind === 'variables' ? template.variables?.[name] : template.parameters?.[name]?.defaultValue;
    return resolve(template, path ? pick(root, path.slice(1)) : root);
}
