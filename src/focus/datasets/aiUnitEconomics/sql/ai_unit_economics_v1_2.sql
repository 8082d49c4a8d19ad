-- AIUnitEconomics partial: one part's AI cost rows (x_ModelId not null, token and non-token meters alike) summed per
-- UTC charge day and AI dimensions. Reads relation `ai_unit_economics_costs` (the part's Costs Parquet). Sums only:
-- ratios are computed after the partials are merged (ai_unit_economics_merge_v1_2.sql), never averaged.
-- x_QuantityScaleDetected is a key so rows whose tokens could not be counted (Unknown, or meters without tokens) never
-- share a group, and so a cost, with rows whose tokens are known.
with ai_costs as (
    select * from ai_unit_economics_costs
    where x_ModelId is not null
),
final as (
    select
        timezone('UTC', ChargePeriodStart)::date as x_ChargeDate,
        BillingCurrency,
        SubAccountId,
        SubAccountName,
        ResourceId,
        ResourceName,
        x_SkuMeterCategory,
        x_SkuMeterSubcategory,
        x_ModelDeveloper,
        x_ModelFamily,
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
        sum(x_TokenCount)::decimal(38, 6) as x_TokenCount,
        sum(BilledCost)::decimal(38, 18) as BilledCost,
        sum(EffectiveCost)::decimal(38, 18) as EffectiveCost,
        sum(ListCost)::decimal(38, 18) as ListCost,
        count(*)::bigint as x_RowCount
    from ai_costs
    group by all
)
select * from final
