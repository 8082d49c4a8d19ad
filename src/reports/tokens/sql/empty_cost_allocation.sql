-- CostAllocation's columns the token matrix reads, for a folder where none is published.
create or replace temp view cost_allocation as
select
    null::date as x_ChargeDate,
    null::varchar as BillingCurrency,
    null::varchar as SubAccountName,
    null::varchar as ResourceId,
    null::varchar as ResourceName,
    null::varchar as x_ModelId,
    null::varchar as x_ModelVersion,
    null::varchar as x_TokenDirection,
    null::varchar as x_CacheAction,
    null::varchar as x_DeploymentType,
    null::varchar as x_ProcessingTier,
    null::varchar as x_AIWorkload,
    null::varchar as x_TagCostCenter,
    null::varchar as x_TagEnvironment,
    null::varchar as x_TagApplication,
    null::varchar as x_DeploymentName,
    null::varchar as x_Consumer,
    null::decimal(38, 6) as x_TokenCount,
    null::decimal(38, 18) as EffectiveCost,
where false
