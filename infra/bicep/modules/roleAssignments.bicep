metadata description = 'Data-plane roles for the function identity, each scoped to the one resource it is needed on.'

import { hubContainers } from 'hubNames.bicep'
import { roleIds } from 'roleIds.bicep'

@description('Required. Resource ID of the function app identity (stable part of the role assignment names).')
param identityResourceId string

@description('Required. Principal ID of the function app identity.')
param principalId string

@description('Required. Name of the data lake storage account (connection `HubStorage`).')
param dataAccountName string

@description('Required. Name of the host storage account (AzureWebJobsStorage and deployment package).')
param hostAccountName string

@description('Required. Name of the Application Insights component.')
param appInsightsName string

@description('Optional. The telemetry timer lands telemetry folders in msexports: allow writes and deletes under `telemetry/` only.')
param telemetryLanding bool = false

@description('Data lake account: the parts queue, its poison queue and the blob trigger\'s poison queue (`webjobs-blobtrigger-poison`, created by the host on the trigger\'s account), and the run-state table. The SDK clients and the host create them on first use.')
var dataQueueAndTableRoles = [
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

@description('Host account: the Functions host keeps keys, locks and the deployment package in blobs (Owner is its documented minimum), the Event Grid blob trigger\'s queue in queues, and diagnostic events in tables.')
var hostRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource exportsContainer 'containers' existing = {
      name: hubContainers.exports
    }

    resource ingestionContainer 'containers' existing = {
      name: hubContainers.ingestion
    }
  }
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// The blob trigger and the pipeline only read exports: manifests, parts and blob properties.
resource exportsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataAccount::blobService::exportsContainer.id, identityResourceId, roleIds.storageBlobDataReader)
  scope: dataAccount::blobService::exportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The telemetry timer writes its folders beside the exports (and removes a half-landed one): writes and deletes are
// allowed under telemetry/ only (an ABAC condition on the blob path), so exports stay read-only to the hub.
resource telemetryWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (telemetryLanding) {
  name: guid(dataAccount::blobService::exportsContainer.id, identityResourceId, roleIds.storageBlobDataContributor)
  scope: dataAccount::blobService::exportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageBlobDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'finops-hub telemetry timer: write telemetry folders under msexports/telemetry/ only'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action\'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith \'telemetry/\'))'
  }
}

// Staging, published Parquet and folder manifests are written, copied and deleted in ingestion only.
resource ingestionWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataAccount::blobService::ingestionContainer.id, identityResourceId, roleIds.storageBlobDataContributor)
  scope: dataAccount::blobService::ingestionContainer
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageBlobDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataQueueAndTableRoles: {
    name: guid(dataAccount.id, identityResourceId, roleId)
    scope: dataAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource hostAccountRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostRoles: {
    name: guid(hostAccount.id, identityResourceId, roleId)
    scope: hostAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityResourceId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.monitoringMetricsPublisher
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
