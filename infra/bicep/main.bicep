metadata name = 'finops-hub'
metadata description = 'Serverless FinOps hub: Cost Management exports land in a data lake, Azure Functions (Flex Consumption) turn them into FOCUS 1.2 Parquet.'

targetScope = 'resourceGroup'

import { hubContainers } from 'modules/hubNames.bicep'

@description('Optional. Azure region of every resource. Defaults to the resource group region.')
param location string = resourceGroup().location

@description('Optional. Short name used in resource names.')
@minLength(2)
@maxLength(10)
param baseName string = 'finopshub'

@description('Optional. Suffix that makes global names unique. Defaults to a hash of the resource group ID.')
@maxLength(13)
param uniqueSuffix string = uniqueString(resourceGroup().id)

@description('Optional. Data lake storage account name (3-24 lowercase letters and digits). Defaults to st + 8 characters of baseName + d + suffix.')
@minLength(3)
@maxLength(24)
param dataStorageAccountName string = 'st${take(toLower(replace(baseName, '-', '')), 8)}d${uniqueSuffix}'

@description('Optional. Host storage account name (3-24 lowercase letters and digits). Defaults to st + 8 characters of baseName + h + suffix.')
@minLength(3)
@maxLength(24)
param hostStorageAccountName string = 'st${take(toLower(replace(baseName, '-', '')), 8)}h${uniqueSuffix}'

@description('Optional. Function app name (global host name).')
param functionAppName string = 'func-${baseName}-${uniqueSuffix}'

@description('Optional. Replication SKU of the data lake storage account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param dataStorageSku string = 'Standard_LRS'

@description('Optional. Allow shared key authorization on the data lake account. Cost Management exports reportedly fail when it is off (docs/deploy.md, "Cost Management exports and shared keys"); the hub itself never uses keys.')
param dataStorageAllowSharedKeyAccess bool = true

@description('Optional. Days to keep raw Cost Management exports in msexports.')
@minValue(1)
param rawExportRetentionDays int = 30

@description('Optional. Months of FOCUS Parquet to keep in ingestion before the current month: the sweep function deletes older month folders whole, each scope with its manifest.json.')
@minValue(1)
param ingestionRetentionMonths int = 13

@description('Optional. Days a deleted blob or directory in the data lake stays restorable (soft delete); raw exports and Parquet deleted by the lifecycle rules or the hub are kept this much longer.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 14

@description('Optional. Days a deleted data lake container stays restorable (soft delete).')
@minValue(1)
@maxValue(365)
param containerSoftDeleteRetentionDays int = 14

@description('Optional. Memory per Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Optional. Maximum Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. DuckDB memory limit per invocation (HUB_DUCKDB_MEMORY_LIMIT). Defaults to half the instance memory (the rest is Node, the host and DuckDB\'s own overhead).')
param duckdbMemoryLimit string = '${instanceMemoryMB / 2}MB'

@description('Optional. DuckDB threads per invocation (HUB_DUCKDB_THREADS). 1 fits a 2 GB instance; use 2 with 4096 MB instances and a 2GB memory limit.')
@minValue(1)
param duckdbThreads int = 1

@description('Optional. Days to keep logs in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Optional. Daily Log Analytics ingestion cap in GB; -1 for none. Once a day\'s cap is reached nothing more is logged that day, so the failed-run and stalled-run alerts cannot fire until the next: raise it (or use -1) where a missed alert costs more than the logs.')
@minValue(-1)
param logDailyCapGb int = 1

@description('Optional. Set to true in the second deployment, after the function code is deployed: creates the Event Grid subscription, whose webhook needs the blobs_extension key that exists only then.')
param functionCodeDeployed bool = false

@description('Optional. Subscription IDs to create daily and monthly FOCUS exports for, on the first pass only (functionCodeDeployed false). Cost Management refuses to update an existing export without its current eTag, which a template cannot send: clear this list before running the first pass again. Empty: create exports yourself.')
param exportSubscriptionIds string[] = []

@description('Optional. First run of the export schedules; must be in the future.')
param exportScheduleStart string = dateTimeAdd(utcNow(), 'PT1H')

@description('Optional. Private-network mode: both storage accounts closed to public networks and reached through private endpoints from a virtual network the function app integrates with (docs/networking.md).')
param privateNetworking bool = false

@description('Optional. Address range of the virtual network in private-network mode, a /24 or larger.')
param virtualNetworkAddressPrefix string = '10.20.0.0/24'

@description('Optional. Email addresses the alerts notify. Empty: alerts are still created and show in Azure Monitor, without notifications.')
param alertEmails string[] = []

@description('Optional. Alert on each new AI spend incident reported by the Costs publish.')
param aiSpendAnomalyAlert bool = false

@description('Optional. Lowest incident score that fires the AI spend anomaly alert, a decimal number as text (e.g. \'6.5\'); Bicep has no decimal type.')
param aiSpendAnomalyMinScore string = '3'

@description('Optional. Subscriptions whose Azure OpenAI / AI Services accounts the telemetry timer reads: the function identity gets Reader and Monitoring Reader on each. Listing any (or a management group) turns the timer on.')
param telemetrySubscriptionIds string[] = []

@description('Optional. Management group whose subscriptions the telemetry timer reads, instead of or besides telemetrySubscriptionIds: turns the timer on; grant the roles there with telemetryReadersManagementGroup.bicep (docs/deploy.md, "Commands, in order"), since a resource group deployment cannot assign roles at a management group.')
param telemetryManagementGroupId string = ''

@description('Optional. Accounts (resource IDs) the telemetry timer pulls besides those with charges in the last 31 days of published costs.')
param telemetryAccountIds string[] = []

@description('Optional. NCRONTAB schedule of the telemetry timer (HUB_TELEMETRY_SCHEDULE); daily at 02:30 UTC by default.')
param telemetrySchedule string = '0 30 2 * * *'

@description('Optional. Resource ID of the Application Insights resource API Management writes its token metrics to (llm-emit-token-metric): enables cost allocation by consumer and grants the identity Monitoring Reader on it.')
param telemetryAppInsightsResourceId string = ''

@description('Optional. Custom dimension of those metrics that names the consumer (Subscription ID, Product ID, or your own, e.g. Team).')
param telemetryConsumerDimension string = 'Subscription ID'

@description('Optional. Custom dimension of those metrics that names the model deployment a request went to.')
param telemetryDeploymentDimension string = 'Deployment'

@description('Optional. Tags for every resource.')
param tags object = {}

var telemetryOn = !empty(telemetrySubscriptionIds) || !empty(telemetryManagementGroupId)

var names = {
  identity: 'id-${baseName}-${uniqueSuffix}'
  workspace: 'log-${baseName}-${uniqueSuffix}'
  appInsights: 'appi-${baseName}-${uniqueSuffix}'
  plan: 'plan-${baseName}-${uniqueSuffix}'
  topic: 'evgt-${baseName}-${uniqueSuffix}'
  vnet: 'vnet-${baseName}-${uniqueSuffix}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: names.identity, location: location, tags: tags }
}

module dataStorage 'modules/dataStorage.bicep' = {
  name: 'dataStorage'
  params: {
    name: dataStorageAccountName
    location: location
    skuName: dataStorageSku
    allowSharedKeyAccess: dataStorageAllowSharedKeyAccess
    rawExportRetentionDays: rawExportRetentionDays
    blobSoftDeleteRetentionDays: blobSoftDeleteRetentionDays
    containerSoftDeleteRetentionDays: containerSoftDeleteRetentionDays
    privateNetworking: privateNetworking
    tags: tags
  }
}

module hostStorage 'modules/hostStorage.bicep' = {
  name: 'hostStorage'
  params: { name: hostStorageAccountName, location: location, privateNetworking: privateNetworking, tags: tags }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: { name: names.vnet, location: location, addressPrefix: virtualNetworkAddressPrefix, tags: tags }
}

module dataEndpoints 'modules/storagePrivateEndpoints.bicep' = if (privateNetworking) {
  name: 'dataStorageEndpoints'
  params: {
    accountName: dataStorageAccountName
    services: ['blob', 'dfs', 'queue', 'table']
    subnetId: network!.outputs.endpointSubnetId
    dnsZoneIds: network!.outputs.dnsZoneIds
    location: location
    tags: tags
  }
  dependsOn: [dataStorage]
}

module hostEndpoints 'modules/storagePrivateEndpoints.bicep' = if (privateNetworking) {
  name: 'hostStorageEndpoints'
  params: {
    accountName: hostStorageAccountName
    services: ['blob', 'queue', 'table']
    subnetId: network!.outputs.endpointSubnetId
    dnsZoneIds: network!.outputs.dnsZoneIds
    location: location
    tags: tags
  }
  dependsOn: [hostStorage]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyCapGb
    tags: tags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    appInsightsName: names.appInsights
    location: location
    namePrefix: '${baseName}-${uniqueSuffix}'
    emails: alertEmails
    aiSpendAnomalyAlert: aiSpendAnomalyAlert
    aiSpendAnomalyMinScore: aiSpendAnomalyMinScore
    tags: tags
  }
  dependsOn: [monitoring]
}

module roles 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  params: {
    identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
    principalId: identity.outputs.principalId
    dataAccountName: dataStorageAccountName
    hostAccountName: hostStorageAccountName
    appInsightsName: names.appInsights
    telemetryLanding: telemetryOn
  }
  dependsOn: [dataStorage, hostStorage, monitoring]
}

module telemetryReaders 'modules/telemetryReaderRoles.bicep' = [
  for subscriptionId in telemetrySubscriptionIds: {
    name: 'telemetryReaders-${subscriptionId}'
    scope: subscription(subscriptionId)
    params: {
      principalId: identity.outputs.principalId
      identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
    }
  }
]

module telemetryInsightsReader 'modules/telemetryInsightsRole.bicep' = if (!empty(telemetryAppInsightsResourceId)) {
  name: 'telemetryInsightsReader'
  scope: resourceGroup(split(telemetryAppInsightsResourceId, '/')[2], split(telemetryAppInsightsResourceId, '/')[4])
  params: {
    appInsightsName: last(split(telemetryAppInsightsResourceId, '/'))
    principalId: identity.outputs.principalId
    identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    planName: names.plan
    appName: functionAppName
    location: location
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    hostEndpoints: hostStorage.outputs.endpoints
    dataEndpoints: dataStorage.outputs.endpoints
    deploymentContainerUrl: hostStorage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    duckdbMemoryLimit: duckdbMemoryLimit
    duckdbThreads: duckdbThreads
    retentionMonths: ingestionRetentionMonths
    virtualNetworkSubnetId: privateNetworking ? network!.outputs.appSubnetId : ''
    telemetry: {
      enabled: telemetryOn
      schedule: telemetrySchedule
      accountIds: telemetryAccountIds
      appInsightsResourceId: telemetryAppInsightsResourceId
      consumerDimension: telemetryConsumerDimension
      deploymentDimension: telemetryDeploymentDimension
    }
    tags: tags
  }
  // In private mode the host can only start once it reaches its storage through the endpoints.
  dependsOn: [roles, dataEndpoints, hostEndpoints]
}

module eventGridTopic 'modules/eventGridTopic.bicep' = {
  name: 'eventGridTopic'
  params: {
    name: names.topic
    location: location
    dataAccountName: dataStorageAccountName
    deadLetterContainerName: hubContainers.deadLetter
    tags: tags
  }
  dependsOn: [dataStorage]
}

module manifestSubscription 'modules/manifestSubscription.bicep' = if (functionCodeDeployed) {
  name: 'manifestSubscription'
  params: {
    topicName: names.topic
    appName: functionAppName
    dataAccountId: dataStorage.outputs.resourceId
    exportsContainerName: hubContainers.exports
    deadLetterContainerName: hubContainers.deadLetter
  }
  dependsOn: [eventGridTopic, functionApp]
}

// Created once: an export that exists already can only be updated with its eTag (Exports - Create Or Update), so the
// second pass, which re-runs everything else, leaves the exports alone.
module costExports 'modules/costExports.bicep' = [
  for subscriptionId in (functionCodeDeployed ? [] : exportSubscriptionIds): {
    name: 'costExports-${subscriptionId}'
    scope: subscription(subscriptionId)
    params: {
      storageAccountId: dataStorage.outputs.resourceId
      containerName: hubContainers.exports
      scheduleStart: exportScheduleStart
      namePrefix: baseName
    }
  }
]

@description('Data lake storage account name.')
output dataStorageAccountName string = dataStorage.outputs.name

@description('Host storage account name.')
output hostStorageAccountName string = hostStorage.outputs.name

@description('Function app name.')
output functionAppName string = functionApp.outputs.name

@description('Event Grid system topic on the data lake account.')
output eventGridTopicName string = eventGridTopic.outputs.name

@description('DFS URL of the FOCUS Parquet container, for Power BI (Azure Data Lake Storage Gen2 connector).')
output ingestionDfsUrl string = '${dataStorage.outputs.endpoints.dfs}${hubContainers.ingestion}'

@description('Resource ID of the function identity.')
output identityResourceId string = identity.outputs.resourceId

@description('Client ID of the function identity.')
output identityClientId string = identity.outputs.clientId

@description('Principal ID of the function identity (grant it Cost Management Reader where needed).')
output identityPrincipalId string = identity.outputs.principalId

@description('Names of the Cost Management exports, per subscription.')
output exportNames string[][] = [
  for (subscriptionId, i) in (functionCodeDeployed ? [] : exportSubscriptionIds): costExports[i].outputs.names
]
