metadata description = 'Data lake storage account (hierarchical namespace): export landing, FOCUS Parquet, run state and the parts queue.'

import { hubContainers, hubPartsQueue, hubRunsTable } from 'hubNames.bicep'

@description('Required. Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Replication SKU.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param skuName string = 'Standard_LRS'

@description('Optional. Allow shared key (account key and SAS) authorization. See docs/deploy.md, "Cost Management exports and shared keys".')
param allowSharedKeyAccess bool = true

@description('Optional. Days to keep raw Cost Management exports under msexports/ after their last modification.')
@minValue(1)
param rawExportRetentionDays int = 30

@description('Optional. Days a deleted blob or directory stays restorable (blob soft delete). Lifecycle deletions are soft deletes too.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 14

@description('Optional. Days a deleted container stays restorable (container soft delete).')
@minValue(1)
@maxValue(365)
param containerSoftDeleteRetentionDays int = 14

@description('Optional. Close the public endpoint to everything but trusted Azure services (Cost Management exports, Event Grid dead-lettering); the hub then reaches the account through private endpoints.')
param privateNetworking bool = false

@description('Optional. Tags for every resource.')
param tags object = {}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    isHnsEnabled: true
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Private mode keeps the public endpoint 'Enabled' but denies every network: the trusted-services bypass applies
    // only there, and 'Disabled' would shut out the exports and Event Grid with everyone else.
    publicNetworkAccess: 'Enabled'
    networkAcls: { bypass: 'AzureServices', defaultAction: privateNetworking ? 'Deny' : 'Allow' }
  }
}

// Soft delete only: blob versioning, change feed and point-in-time restore are not supported with a hierarchical
// namespace (docs/data-protection.md).
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: blobSoftDeleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: containerSoftDeleteRetentionDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in items(hubContainers): {
    parent: blobService
    name: containerName.value
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource partsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: hubPartsQueue
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource runsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: hubRunsTable
}

// Raw exports expire blob by blob. Published Parquet does not: a rule ages each blob on its own, so it could delete a
// folder's files and its manifest.json on different days; the sweep function deletes whole month folders instead
// (HUB_RETENTION_MONTHS, docs/data-protection.md).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'delete-raw-exports'
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${hubContainers.exports}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: rawExportRetentionDays } } }
          }
        }
      ]
    }
  }
}

@description('Storage account name.')
output name string = account.name

@description('Storage account resource ID.')
output resourceId string = account.id

@description('Blob, queue, table and DFS endpoints.')
output endpoints object = {
  blob: account.properties.primaryEndpoints.blob
  queue: account.properties.primaryEndpoints.queue
  table: account.properties.primaryEndpoints.table
  dfs: account.properties.primaryEndpoints.dfs
}

@description('Name of the queue that fans export parts out to the transform function.')
output partsQueueName string = partsQueue.name

@description('Name of the run-state table.')
output runsTableName string = runsTable.name
