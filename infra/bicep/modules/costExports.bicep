metadata description = 'Cost Management FOCUS exports for one subscription: daily month-to-date and monthly last-month, Parquet + Snappy, into the hub data lake.'

targetScope = 'subscription'

@description('Required. Resource ID of the data lake storage account that receives the exports.')
param storageAccountId string

@description('Required. Container the exports land in.')
param containerName string

@description('Required. First run of the schedules (ISO 8601, in the future).')
param scheduleStart string

@description('Optional. Prefix of the export names.')
param namePrefix string = 'finops-hub'

@description('Two schedules: this month so far every day, and the closed previous month once a month.')
var schedules = [
  { name: 'daily', recurrence: 'Daily', timeframe: 'MonthToDate' }
  { name: 'monthly', recurrence: 'Monthly', timeframe: 'TheLastMonth' }
]

resource exports 'Microsoft.CostManagement/exports@2025-03-01' = [
  for schedule in schedules: {
    name: '${namePrefix}-${schedule.name}-focuscost'
    location: 'global'
    identity: { type: 'SystemAssigned' }
    properties: {
      definition: {
        type: 'FocusCost'
        timeframe: schedule.timeframe
        dataSet: { granularity: 'Daily', configuration: { dataVersion: '1.2-preview' } }
      }
      deliveryInfo: {
        destination: {
          type: 'AzureBlob'
          resourceId: storageAccountId
          container: containerName
          rootFolderPath: substring(subscription().id, 1)
        }
      }
      format: 'Parquet'
      compressionMode: 'snappy'
      partitionData: true
      // Each run gets its own folder, so a run still being converted never has its parts overwritten by the next one;
      // the hub publishes the latest run and lifecycle rules expire the raw files.
      dataOverwriteBehavior: 'CreateNewReport'
      schedule: {
        status: 'Active'
        recurrence: schedule.recurrence
        recurrencePeriod: { from: scheduleStart, to: dateTimeAdd(scheduleStart, 'P10Y') }
      }
    }
  }
]

@description('Names of the exports created in this subscription.')
output names string[] = [for (schedule, i) in schedules: exports[i].name]
