metadata description = 'Reader and Monitoring Reader for the function identity on one subscription: the telemetry timer lists AI accounts and their deployments (ARM) and reads their Azure Monitor metrics there.'

targetScope = 'subscription'

import { roleIds } from 'roleIds.bicep'

@description('Required. Principal ID of the function app identity.')
param principalId string

@description('Required. Resource ID of the function app identity (stable part of the role assignment names).')
param identityResourceId string

resource readers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [roleIds.reader, roleIds.monitoringReader]: {
    name: guid(subscription().id, identityResourceId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
