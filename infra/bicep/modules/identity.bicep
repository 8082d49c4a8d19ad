metadata description = 'User-assigned managed identity the function app uses for storage, Application Insights and the deployment package.'

@description('Required. Identity name.')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags for every resource.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Identity resource ID.')
output resourceId string = identity.id

@description('Client (application) ID, for `__clientId` app settings.')
output clientId string = identity.properties.clientId

@description('Principal (object) ID, for role assignments.')
output principalId string = identity.properties.principalId
