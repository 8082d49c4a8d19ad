-- Recommendations from a staged reservation recommendations part (stg_recommendations, EA or MCA): one row per
-- recommended reservation, with its costs before and after, the savings and the lookback period.
with

staged as (
    select * from stg_recommendations
),

-- MCA writes each cost as JSON ({"value": 12.5, "currency": "USD"}), EA as a plain number: staged as decimals
-- (jsonDecimal), negative values kept; the currency comes from the JSON text (EA files name none).
costed as (
    select
        *,
        CostWithNoReservedInstances as cost_before,
        TotalCostWithReservedInstances as cost_after,
        NetSavings as net_savings,
        coalesce(
            hub_json_currency(NetSavingsText),
            hub_json_currency(CostWithNoReservedInstancesText)
        ) as currency,
        -- Last7Days, Last30Days, Last60Days; any other text (Last1Month) has no day count
        nullif(regexp_extract(trim(LookBackPeriod), '^Last([0-9]+)Days$', 1, 'i'), '')::integer as lookback_days,
    from staged
),

final as (
    select
        currency as BillingCurrency,
        'Usage' as CommitmentDiscountCategory,
        'Reservation' as CommitmentDiscountType,
        'Microsoft' as ProviderName,
        coalesce(regions.region_id, nullif(lower(replace(Location, ' ', '')), '')) as RegionId,
        coalesce(regions.region_name, Location) as RegionName,
        nullif(InstanceFlexibilityGroup, 'NA') as x_CommitmentDiscountNormalizedGroup,
        InstanceFlexibilityRatio as x_CommitmentDiscountNormalizedRatio,
        nullif(NormalizedSize, 'NA') as x_CommitmentDiscountNormalizedSize,
        ResourceType as x_CommitmentDiscountResourceType,
        Scope as x_CommitmentDiscountScope,
        cost_after as x_EffectiveCostAfter,
        cost_before as x_EffectiveCostBefore,
        net_savings as x_EffectiveCostSavings,
        'P' || lookback_days || 'D' as x_LookbackPeriodDuration,
        FirstUsageDate as x_LookbackPeriodStart,
        FirstUsageDate + to_days(lookback_days) as x_RecommendationDate,
        RecommendedQuantity as x_RecommendedQuantity,
        RecommendedQuantityNormalized as x_RecommendedQuantityNormalized,
        SkuProperties as x_SkuDetails,
        MeterId as x_SkuMeterId,
        SkuSize as x_SkuSize,
        hub_iso_months(Term) as x_SkuTerm,
        'Cost Management' as x_SourceName,
        'Microsoft' as x_SourceProvider,
        'ReservationRecommendations' as x_SourceType,
        getvariable('hub_data_version') as x_SourceVersion,
    from costed
    left join hub_regions as regions on regions.original_value = lower(costed.Location)
)

select * from final
