metadata name = 'finops-hub telemetry readers (management group)'
metadata description = 'Reader and Monitoring Reader for the hub\'s function identity on a management group, for the telemetry timer to read every AI account under it. Deploy at the management group: az deployment mg create --management-group-id <id> -l <region> -f infra/bicep/telemetryReadersManagementGroup.bicep -p principalId=<identityPrincipalId output>.'

targetScope = 'managementGroup'

import { roleIds } from 'modules/roleIds.bicep'

@description('Required. Principal ID of the hub\'s function identity (the identityPrincipalId output of main.bicep).')
param principalId string

resource readers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [roleIds.reader, roleIds.monitoringReader]: {
    name: guid(managementGroup().id, principalId, roleId)
    properties: {
      roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
