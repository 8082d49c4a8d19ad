metadata description = 'Data-plane roles for the function identity, each scoped to the one resource it is needed on.'

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

@description('Blob trigger and SDK clients need blob, queue and table data access on both accounts.')
var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataAccountName
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(dataAccount.id, identityResourceId, roleId)
    scope: dataAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource hostRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
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
