metadata description = 'Monitoring Reader for the function identity on the Application Insights resource where API Management writes its token metrics, so the telemetry timer can query them by consumer.'

import { roleIds } from 'roleIds.bicep'

@description('Required. Name of the Application Insights component, in this resource group.')
param appInsightsName string

@description('Required. Principal ID of the function app identity.')
param principalId string

@description('Required. Resource ID of the function app identity (stable part of the role assignment names).')
param identityResourceId string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource monitoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityResourceId, roleIds.monitoringReader)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
