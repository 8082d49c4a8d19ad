metadata description = 'Log search alerts on the hub\'s own traces in Application Insights, with an email action group.'

@description('Required. Name of the Application Insights component the alerts query.')
param appInsightsName string

@description('Required. Azure region of the alert rules.')
param location string

@description('Required. Prefix of the alert rule and action group names.')
param namePrefix string

@description('Optional. Email addresses to notify. Empty: no action group; the alerts still fire and show in Azure Monitor.')
param emails string[] = []

@description('Optional. Create the AI spend anomaly alert.')
param aiSpendAnomalyAlert bool = false

@description('Optional. Lowest incident score that fires the AI spend anomaly alert, a decimal number such as 6.5.')
param aiSpendAnomalyMinScore string = '3'

@description('Optional. Tags for every resource.')
param tags object = {}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(emails)) {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(namePrefix, 12)
    enabled: true
    emailReceivers: [for (email, i) in emails: { name: 'email-${i}', emailAddress: email, useCommonAlertSchema: true }]
  }
}

var actions = { actionGroups: empty(emails) ? [] : [actionGroup.id] }

@description('Any failed or stalled run in a 15-minute window, one alert per error code.')
resource failedRuns 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-${namePrefix}-failed-runs'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'FinOps hub: failed or stalled runs'
    description: 'A run failed or stalled (the traces "Run <runId> failed: <ErrorCode>: <message>" and "Run <runId> stalled: <ErrorCode>: <message>"), RunStalled and PartPoisoned included.'
    severity: 1
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('../alerts/failedRuns.kql')
          timeAggregation: 'Count'
          dimensions: [{ name: 'errorCode', operator: 'Include', values: ['*'] }]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

@description('New AI spend incidents scored at or above the threshold, checked hourly: one alert per incident.')
resource aiSpendAnomalies 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (aiSpendAnomalyAlert) {
  name: 'alert-${namePrefix}-ai-spend-anomalies'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'FinOps hub: AI spend incident'
    description: 'A Costs publish found a new AI spend incident (the trace "Incident <scope> <YYYY-MM> <id>: <kind> of <metric>, impact <amount> <currency>, score <score>, top cause <series>") with a score of at least ${aiSpendAnomalyMinScore}.'
    severity: 2
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: loadTextContent('../alerts/aiSpendAnomalies.kql')
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'score'
          dimensions: [
            { name: 'costScope', operator: 'Include', values: ['*'] }
            { name: 'incidentId', operator: 'Include', values: ['*'] }
          ]
          operator: 'GreaterThanOrEqual'
          // json() turns the text into a decimal number, and fails the deployment if it is not one.
          threshold: json(aiSpendAnomalyMinScore)
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}
