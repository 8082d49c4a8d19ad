metadata description = 'Private endpoints of one storage account, one per storage service, each registered in the private DNS zone of its service.'

@description('Required. Name of the storage account.')
param accountName string

@description('Required. Storage services to reach privately (blob, dfs, queue, table).')
param services string[]

@description('Required. Resource ID of the subnet that holds the private endpoints.')
param subnetId string

@description('Required. Resource IDs of the private DNS zones, by storage service.')
param dnsZoneIds object

@description('Required. Azure region.')
param location string

@description('Optional. Tags for every resource.')
param tags object = {}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: accountName
}

resource endpoints 'Microsoft.Network/privateEndpoints@2025-05-01' = [
  for service in services: {
    name: 'pe-${accountName}-${service}'
    location: location
    tags: tags
    properties: {
      subnet: { id: subnetId }
      privateLinkServiceConnections: [
        {
          name: service
          properties: { privateLinkServiceId: account.id, groupIds: [service] }
        }
      ]
    }
  }
]

resource dnsRecords 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = [
  for (service, i) in services: {
    parent: endpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [{ name: service, properties: { privateDnsZoneId: dnsZoneIds[service] } }]
    }
  }
]
