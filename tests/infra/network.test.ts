import {
    ArmTemplate,
    compileBicep,
    moduleOf,
    PredictedResource,
    resolve,
    SNAPSHOT_RG_ID,
    snapshotBicep,
} from './bicepTemplate';

const ZONE_SERVICES = ['blob', 'dfs', 'queue', 'table'];

/**
 * A snapshot cannot evaluate `environment()`; this stands in the public cloud's storage suffix for it, so that private
 * DNS zone names and IDs read as deployed there.
 */
function inPublicCloud(value: unknown): string {
    return String(value)
        .replace(
            /format\('privatelink\.(\w+)\.\{0\}', environment\(\)\.suffixes\.storage\)/g,
            "'privatelink.$1.core.windows.net'",
        )
        .replace(
            /^\[resourceId\('[\w-]+', '[\w-]+', 'Microsoft\.Network\/privateDnsZones', '([\w.]+)'\)\]$/,
            `${SNAPSHOT_RG_ID}/providers/Microsoft.Network/privateDnsZones/$1`,
        )
        .replace(/^\['(.*)'\]$/, '$1');
}

interface Deployment {
    resources: PredictedResource[];
    ofType: (type: string) => PredictedResource[];
    dataAccount: PredictedResource;
    hostAccount: PredictedResource;
    site: PredictedResource;
}

function deploy(parameters: Record<string, unknown> = {}): Deployment {
    const resources = snapshotBicep(parameters);
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const accounts = ofType('Microsoft.Storage/storageAccounts');
    const [dataAccount, hostAccount, site] = [
        accounts.find((a) => a.properties?.isHnsEnabled),
        accounts.find((a) => !a.properties?.isHnsEnabled),
        ofType('Microsoft.Web/sites')[0],
    ];
    if (!dataAccount || !hostAccount || !site) throw new Error('The snapshot lacks a storage account or the app');
    return { resources, ofType, dataAccount, hostAccount, site };
}

let main: ArmTemplate;
let open: Deployment;
let closed: Deployment;

beforeAll(() => {
    main = compileBicep();
    open = deploy();
    closed = deploy({ privateNetworking: true });
});

describe('public networking (default)', () => {
    it('is the default and deploys no network resources', () => {
        expect(resolve(main, "[parameters('privateNetworking')]")).toBe(false);
        expect(open.resources.filter((r) => r.type.startsWith('Microsoft.Network/'))).toEqual([]);
        for (const name of ['network', 'dataEndpoints', 'hostEndpoints'])
            expect(moduleOf(main, name).condition).toBe("[parameters('privateNetworking')]");
    });

    it('leaves both storage accounts and the app reachable from public networks, without VNet integration', () => {
        for (const account of [open.dataAccount, open.hostAccount]) {
            expect(account.properties?.publicNetworkAccess).toBe('Enabled');
            expect(account.properties?.networkAcls).toEqual({ bypass: 'AzureServices', defaultAction: 'Allow' });
        }
        expect(open.site.properties?.virtualNetworkSubnetId ?? null).toBeNull();
    });
});

describe('private networking (privateNetworking = true)', () => {
    it('builds a virtual network with a Flex Consumption subnet and a private endpoint subnet', () => {
        const [vnet, ...others] = closed.ofType('Microsoft.Network/virtualNetworks');
        expect(others).toEqual([]);
        expect(vnet?.properties).toEqual({
            addressSpace: { addressPrefixes: ['10.20.0.0/24'] },
            subnets: [
                {
                    name: 'snet-app',
                    properties: {
                        addressPrefix: '10.20.0.0/25',
                        delegations: [
                            { name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } },
                        ],
                    },
                },
                {
                    name: 'snet-private-endpoints',
                    properties: { addressPrefix: '10.20.0.128/27', privateEndpointNetworkPolicies: 'Disabled' },
                },
            ],
        });
    });

    it('carves both subnets out of the address range given', () => {
        const custom = deploy({ privateNetworking: true, virtualNetworkAddressPrefix: '10.99.4.0/23' });
        const [vnet] = custom.ofType('Microsoft.Network/virtualNetworks');
        const subnets = vnet?.properties?.subnets as { name: string; properties: { addressPrefix: string } }[];
        expect(subnets.map((s) => [s.name, s.properties.addressPrefix])).toEqual([
            ['snet-app', '10.99.4.0/25'],
            ['snet-private-endpoints', '10.99.4.128/27'],
        ]);
    });

    it('integrates the function app with the delegated subnet and keeps its inbound endpoint public for Event Grid', () => {
        const [vnet] = closed.ofType('Microsoft.Network/virtualNetworks');
        expect(closed.site.properties?.virtualNetworkSubnetId).toBe(`${vnet?.id}/subnets/snet-app`);
        expect(closed.site.properties?.publicNetworkAccess).toBe('Enabled');
        expect(moduleOf(main, 'functionApp').dependsOn).toEqual(
            expect.arrayContaining(['dataEndpoints', 'hostEndpoints']),
        );
    });

    it('denies public networks on the data lake but lets trusted services (exports, Event Grid) through', () => {
        expect(closed.dataAccount.properties?.publicNetworkAccess).toBe('Enabled');
        expect(closed.dataAccount.properties?.networkAcls).toEqual({ bypass: 'AzureServices', defaultAction: 'Deny' });
    });

    it('turns the public endpoint of the host account off', () => {
        expect(closed.hostAccount.properties?.publicNetworkAccess).toBe('Disabled');
        expect(closed.hostAccount.properties?.networkAcls).toMatchObject({ defaultAction: 'Deny' });
    });

    it('reaches blob, dfs, queue and table of the data lake and blob, queue, table of the host privately', () => {
        const endpoints = closed.ofType('Microsoft.Network/privateEndpoints');
        const [vnet] = closed.ofType('Microsoft.Network/virtualNetworks');
        const targets = endpoints.map((endpoint) => {
            expect(endpoint.properties?.subnet).toEqual({ id: `${vnet?.id}/subnets/snet-private-endpoints` });
            const connections = endpoint.properties?.privateLinkServiceConnections as {
                properties: { privateLinkServiceId: string; groupIds: string[] };
            }[];
            expect(connections).toHaveLength(1);
            const [{ properties } = { properties: { privateLinkServiceId: '', groupIds: [] } }] = connections;
            return `${properties.privateLinkServiceId.split('/').pop()} ${properties.groupIds.join(',')}`;
        });
        const data = closed.dataAccount.name;
        const host = closed.hostAccount.name;
        expect(targets.sort()).toEqual(
            [
                `${data} blob`,
                `${data} dfs`,
                `${data} queue`,
                `${data} table`,
                `${host} blob`,
                `${host} queue`,
                `${host} table`,
            ].sort(),
        );
    });

    it('registers each endpoint in the private DNS zone of its service, linked to the virtual network', () => {
        const zones = closed.ofType('Microsoft.Network/privateDnsZones').map((zone) => inPublicCloud(zone.name));
        expect(zones.sort()).toEqual(ZONE_SERVICES.map((service) => `privatelink.${service}.core.windows.net`));
        const [vnet] = closed.ofType('Microsoft.Network/virtualNetworks');
        const links = closed.ofType('Microsoft.Network/privateDnsZones/virtualNetworkLinks');
        expect(links).toHaveLength(ZONE_SERVICES.length);
        for (const link of links)
            expect(link.properties).toEqual({ registrationEnabled: false, virtualNetwork: { id: vnet?.id } });
        const groups = closed.ofType('Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
        expect(groups).toHaveLength(7);
        for (const group of groups) {
            const service = group.name.split('/')[0]?.split('-').pop() ?? '';
            const [config, ...rest] = group.properties?.privateDnsZoneConfigs as {
                properties: { privateDnsZoneId: string };
            }[];
            expect(rest).toEqual([]);
            expect(inPublicCloud(config?.properties.privateDnsZoneId)).toBe(
                `${SNAPSHOT_RG_ID}/providers/Microsoft.Network/privateDnsZones/privatelink.${service}.core.windows.net`,
            );
        }
    });
});
