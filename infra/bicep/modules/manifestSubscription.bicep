metadata description = 'Event Grid subscription: export manifests written to msexports/ are delivered to the blob-trigger webhook of the ingest function. Deploy only once the function code is deployed, because the webhook key exists only then.'

@description('Required. Name of the Event Grid system topic on the data lake account.')
param topicName string

@description('Required. Function app name.')
param appName string

@description('Required. Resource ID of the data lake storage account (dead-letter destination).')
param dataAccountId string

@description('Required. Container that Cost Management exports land in.')
param exportsContainerName string

@description('Required. Container that receives undelivered events.')
param deadLetterContainerName string

@description('Optional. Name of the blob-triggered function.')
param functionName string = 'ingest'

@description('Optional. Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Optional. Minutes an event is retried before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: topicName
}

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: appName
}

var webhookBase = 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}'

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'export-manifest-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: '${webhookBase}&code=${listKeys('${app.id}/host/default', app.apiVersion).systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${exportsContainerName}/'
      subjectEndsWith: 'manifest.json'
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: ['CopyBlob', 'PutBlob', 'PutBlockList', 'FlushWithClose']
        }
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: maxDeliveryAttempts, eventTimeToLiveInMinutes: eventTimeToLiveInMinutes }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: { resourceId: dataAccountId, blobContainerName: deadLetterContainerName }
      }
    }
  }
}

@description('Event subscription name.')
output name string = subscription.name
