metadata description = 'Event Grid system topic on the data lake account; its identity may write dead-lettered events to one container.'

import { roleIds } from 'roleIds.bicep'

@description('Required. System topic name.')
param name string

@description('Required. Azure region of the storage account.')
param location string

@description('Required. Name of the data lake storage account that raises the events.')
param dataAccountName string

@description('Required. Container on the data lake account that receives undelivered events.')
param deadLetterContainerName string

@description('Optional. Tags for every resource.')
param tags object = {}

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: dataAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataAccount::blobService::deadLetterContainer.id, topic.id, roleIds.storageBlobDataContributor)
  scope: dataAccount::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageBlobDataContributor
    )
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('System topic name.')
output name string = topic.name
