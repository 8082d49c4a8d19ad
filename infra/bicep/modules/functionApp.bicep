metadata description = 'Flex Consumption plan and Node.js function app with identity-based storage and Application Insights settings.'

import { hubContainers, hubPartsQueue, hubRunsTable } from 'hubNames.bicep'

@description('Required. Plan name.')
param planName string

@description('Required. Function app name (globally unique host name).')
param appName string

@description('Required. Azure region.')
param location string

@description('Required. Resource ID of the user-assigned managed identity.')
param identityResourceId string

@description('Required. Client ID of the user-assigned managed identity.')
param identityClientId string

@description('Required. Blob, queue and table endpoints of the host storage account.')
param hostEndpoints { blob: string, queue: string, table: string }

@description('Required. Blob, queue and table endpoints of the data lake storage account (connection `HubStorage`).')
param dataEndpoints { blob: string, queue: string, table: string }

@description('Required. URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Required. Application Insights connection string.')
param appInsightsConnectionString string

@description('Optional. Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. DuckDB memory_limit (HUB_DUCKDB_MEMORY_LIMIT).')
param duckdbMemoryLimit string = '1GB'

@description('Optional. DuckDB worker threads (HUB_DUCKDB_THREADS).')
@minValue(1)
param duckdbThreads int = 1

@description('Optional. Resource ID of a subnet delegated to Microsoft.App/environments to route outbound traffic through (private-network mode). Empty: no virtual network integration.')
param virtualNetworkSubnetId string = ''

@description('Optional. NCRONTAB schedule of the sweep function, which finishes or fails runs that stopped (HUB_SWEEP_SCHEDULE).')
param sweepSchedule string = '0 */15 * * * *'

@description('Optional. Months of FOCUS Parquet the sweep keeps before the current month; older month folders are deleted whole, every scope with its manifest (HUB_RETENTION_MONTHS).')
@minValue(1)
param retentionMonths int = 13

@description('Optional. Telemetry timer settings (docs/settings.md): on, schedule, extra accounts, consumer metrics source and dimensions.')
param telemetry {
  enabled: bool
  schedule: string
  accountIds: string[]
  appInsightsResourceId: string
  consumerDimension: string
  deploymentDimension: string
} = {
  enabled: false
  schedule: '0 30 2 * * *'
  accountIds: []
  appInsightsResourceId: ''
  consumerDimension: 'Subscription ID'
  deploymentDimension: 'Deployment'
}

@description('Optional. Tags for every resource.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityResourceId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stays public in every mode: Event Grid delivers manifests to the blob-trigger webhook over the internet.
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityResourceId }
        }
      }
      scaleAndConcurrency: { instanceMemoryMB: instanceMemoryMB, maximumInstanceCount: maximumInstanceCount }
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'AzureWebJobsStorage__blobServiceUri', value: hostEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: hostEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: hostEndpoints.table }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'HubStorage__blobServiceUri', value: dataEndpoints.blob }
        { name: 'HubStorage__queueServiceUri', value: dataEndpoints.queue }
        { name: 'HubStorage__tableServiceUri', value: dataEndpoints.table }
        { name: 'HubStorage__credential', value: 'managedidentity' }
        { name: 'HubStorage__clientId', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identityClientId}' }
        { name: 'HUB_DUCKDB_MEMORY_LIMIT', value: duckdbMemoryLimit }
        { name: 'HUB_DUCKDB_THREADS', value: string(duckdbThreads) }
        // The triggers bind these by name (%HUB_…%), and src/config.ts reads the same settings.
        { name: 'HUB_EXPORTS_CONTAINER', value: hubContainers.exports }
        { name: 'HUB_INGESTION_CONTAINER', value: hubContainers.ingestion }
        { name: 'HUB_PARTS_QUEUE', value: hubPartsQueue }
        { name: 'HUB_RUNS_TABLE', value: hubRunsTable }
        { name: 'HUB_SWEEP_SCHEDULE', value: sweepSchedule }
        { name: 'HUB_RETENTION_MONTHS', value: string(retentionMonths) }

        { name: 'HUB_TELEMETRY', value: telemetry.enabled ? 'on' : 'off' }
        { name: 'HUB_TELEMETRY_SCHEDULE', value: telemetry.schedule }
        { name: 'HUB_TELEMETRY_ACCOUNTS', value: join(telemetry.accountIds, ',') }
        { name: 'HUB_TELEMETRY_APPINSIGHTS_ID', value: telemetry.appInsightsResourceId }
        { name: 'HUB_TELEMETRY_CONSUMER_DIMENSION', value: telemetry.consumerDimension }
        { name: 'HUB_TELEMETRY_DEPLOYMENT_DIMENSION', value: telemetry.deploymentDimension }
      ]
    }
  }
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

@description('Function app name.')
output name string = app.name

@description('Function app resource ID.')
output resourceId string = app.id

@description('Default host name of the function app.')
output defaultHostName string = app.properties.defaultHostName
