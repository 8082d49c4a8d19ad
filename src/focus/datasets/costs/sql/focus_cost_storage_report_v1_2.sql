-- Costs shaped for the FinOps toolkit's storage Power BI reports (v14, HUB_POWERBI_STORAGE_REPORT=on): the report
-- adds x_SourceType, x_SourceVersion, x_BillingAccountAgreement and the three savings columns itself and fails when a
-- file already has them, and its Costs query needs SkuMeterName (a toolkit bug, microsoft/finops-toolkit#2332).
-- Reads relation cost_toolkit.
select
    * exclude (
        x_SourceType, x_SourceVersion, x_BillingAccountAgreement,
        x_CommitmentDiscountSavings, x_NegotiatedDiscountSavings, x_TotalSavings
    ),
    x_SkuMeterName as SkuMeterName,
from cost_toolkit
