metadata description = 'Private-network mode: a virtual network with a subnet for the Flex Consumption app and one for private endpoints, and the private DNS zones of the storage endpoints.'

@description('Required. Virtual network name.')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Address range of the virtual network, a /24 or larger: the app gets its first /25, private endpoints the /27 after it.')
param addressPrefix string = '10.20.0.0/24'

@description('Optional. Tags for every resource.')
param tags object = {}

@description('Storage services reached through private endpoints, with their private DNS zones.')
var zones = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  dfs: 'privatelink.dfs.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
}

var appSubnetName = 'snet-app'
var endpointSubnetName = 'snet-private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 25, 0)
          // Flex Consumption integrates with a subnet delegated to Microsoft.App/environments.
          delegations: [{ name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 27, 4)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }

  resource endpointSubnet 'subnets' existing = {
    name: endpointSubnetName
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in items(zones): {
    name: zone.value
    location: 'global'
    tags: tags
  }
]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in items(zones): {
    parent: dnsZones[i]
    name: vnet.name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: { id: vnet.id }
    }
  }
]

@description('Resource ID of the subnet the function app integrates with.')
output appSubnetId string = vnet::appSubnet.id

@description('Resource ID of the subnet that holds the private endpoints.')
output endpointSubnetId string = vnet::endpointSubnet.id

@description('Resource IDs of the private DNS zones, by storage service (blob, dfs, queue, table).')
output dnsZoneIds object = toObject(items(zones), zone => zone.key, zone => resourceId('Microsoft.Network/privateDnsZones', zone.value))
