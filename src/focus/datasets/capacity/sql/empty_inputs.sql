-- Empty stand-ins, with the columns the capacity steps read, for inputs nothing is published for yet: the earlier
-- AIDeployments of the month and the month's AIAccountCosts.
create or replace temp view empty_previous_deployments as
select
    null::timestamptz as x_SnapshotTime,
    null::varchar as SubAccountId,
    null::varchar as ResourceId,
    null::varchar as ResourceName,
    null::varchar as x_DeploymentName,
    null::varchar as x_DeploymentSku,
    null::bigint as x_DeploymentCapacity,
    null::varchar as x_ModelName,
    null::varchar as x_ModelVersion,
    null::varchar as x_ModelFormat,
    null::varchar as x_SpilloverDeploymentName,
    null::varchar as x_ProvisioningState,
where false;

create or replace temp view empty_account_costs as
select
    null::date as x_ChargeDate,
    null::varchar as BillingCurrency,
    null::varchar as SubAccountId,
    null::varchar as SubAccountName,
    null::varchar as ResourceId,
    null::varchar as CommitmentDiscountId,
    null::varchar as CommitmentDiscountStatus,
    null::varchar as PricingUnit,
    null::decimal(38, 18) as PricingQuantity,
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
    null::decimal(38, 6) as x_TokenCount,
    null::decimal(38, 18) as BilledCost,
    null::decimal(38, 18) as EffectiveCost,
    null::varchar as x_CostScope,
where false;
