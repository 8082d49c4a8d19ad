using 'main.bicep'

param baseName = 'finopshub'
param dataStorageSku = 'Standard_LRS'
param rawExportRetentionDays = 30
param ingestionRetentionMonths = 13
param blobSoftDeleteRetentionDays = 14
param containerSoftDeleteRetentionDays = 14
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param duckdbThreads = 1
param logRetentionDays = 30
// Second pass, after the code deploy: FINOPS_HUB_CODE_DEPLOYED=true az deployment group create ... (see docs/deploy.md).
param functionCodeDeployed = bool(readEnvironmentVariable('FINOPS_HUB_CODE_DEPLOYED', 'false'))
param exportSubscriptionIds = []
param privateNetworking = false
param alertEmails = []
param aiSpendAnomalyAlert = false
param tags = {
  application: 'finops-hub'
}
