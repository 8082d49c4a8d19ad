-- AIAccountCosts partial: one part's charges of AI accounts summed per UTC charge day, account and meter attributes.
-- Reads relation `ai_account_costs_costs` (the part's Costs Parquet). Kept: every row of a Cognitive Services / AI
-- Services account (token meters, provisioned units, hosting, images: the whole account), and every provisioned-unit
-- row elsewhere (unused PTU reservation hours sit on the reservation, not on an account). Sums only; the partials are
-- summed again when the run publishes (ai_account_costs_merge_v1_2.sql).
with

account_rows as (
    select * from ai_account_costs_costs
    where lower(ResourceId) like '%/providers/microsoft.cognitiveservices/accounts/%'
        or lower(x_ResourceType) = 'microsoft.cognitiveservices/accounts'
        or x_ProcessingTier = 'Provisioned'
),

final as (
    select
        timezone('UTC', ChargePeriodStart)::date as x_ChargeDate,
        BillingCurrency,
        SubAccountId,
        SubAccountName,
        lower(ResourceId) as ResourceId,
        ResourceName,
        RegionId,
        ChargeCategory,
        CommitmentDiscountId,
        CommitmentDiscountStatus,
        CommitmentDiscountType,
        PricingCategory,
        PricingUnit,
        SkuMeter,
        x_SkuMeterId,
        x_ModelId,
        x_ModelVersion,
        x_TokenDirection,
        x_CacheAction,
        x_DeploymentType,
        x_ProcessingTier,
        x_AIWorkload,
        x_QuantityScaleDetected,
        x_TagCostCenter,
        x_TagEnvironment,
        x_TagApplication,
        sum(PricingQuantity)::decimal(38, 18) as PricingQuantity,
        sum(x_TokenCount)::decimal(38, 6) as x_TokenCount,
        sum(BilledCost)::decimal(38, 18) as BilledCost,
        sum(EffectiveCost)::decimal(38, 18) as EffectiveCost,
        count(*)::bigint as x_RowCount,
    from account_rows
    group by all
)

select * from final
