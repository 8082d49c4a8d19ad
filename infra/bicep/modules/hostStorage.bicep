metadata description = 'Storage account for the Functions host (AzureWebJobsStorage) and the Flex Consumption deployment package. Identity access only.'

@description('Required. Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Container that holds the Flex Consumption deployment package.')
param deploymentContainerName string = 'app-package'

@description('Optional. Turn the public endpoint off: only the function app uses this account, through private endpoints.')
param privateNetworking bool = false

@description('Optional. Tags for every resource.')
param tags object = {}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: { bypass: 'AzureServices', defaultAction: privateNetworking ? 'Deny' : 'Allow' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

@description('Storage account name.')
output name string = account.name

@description('Storage account resource ID.')
output resourceId string = account.id

@description('Blob, queue and table endpoints.')
output endpoints object = {
  blob: account.properties.primaryEndpoints.blob
  queue: account.properties.primaryEndpoints.queue
  table: account.properties.primaryEndpoints.table
}

@description('URL of the deployment package container.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
