-- Prices from a staged price sheet part (stg_prices, EA or MCA): FOCUS-style names where FOCUS defines the column,
-- x_ for the rest, as FinOps hubs name them. Session variables: hub_channel (EA or MCA), hub_data_version.
with

staged as (
    select * from stg_prices
),

units as (
    select * from hub_pricing_units
),

-- EA files name the enrollment for both; MCA ids may be full paths (the last segment is the id).
identified as (
    select
        staged.*,
        getvariable('hub_channel') as channel,
        case when starts_with(x_BillingAccountId, '/') then regexp_extract(x_BillingAccountId, '[^/]+$')
            else x_BillingAccountId end as account_id,
        case when starts_with(x_BillingProfileId, '/') then regexp_extract(x_BillingProfileId, '[^/]+$')
            else x_BillingProfileId end as profile_id,
        coalesce(x_SkuPriceType = 'SavingsPlan', false) as savings_plan,
        coalesce(x_SkuPriceType = 'ReservedInstance', false) as reservation,
        units.pricing_block_size,
        units.pricing_unit,
    from staged
    left join units on units.unit_of_measure = staged.x_PricingUnitDescription
),

-- Savings plan rows carry the plan's rate: it is the effective price, not a list or contracted price of the meter.
priced as (
    select
        *,
        case when not savings_plan then UnitPrice end as contracted_unit_price,
        case when not savings_plan then MarketPrice end as list_unit_price,
    from identified
),

final as (
    select
        case
            when channel = 'MCA' and starts_with(x_BillingProfileId, '/') then x_BillingProfileId
            when channel = 'MCA'
                then '/providers/Microsoft.Billing/billingAccounts/' || account_id || '/billingProfiles/' || profile_id
            else '/providers/Microsoft.Billing/billingAccounts/' || account_id
        end as BillingAccountId,
        coalesce(x_BillingProfileName, BillingAccountName, profile_id) as BillingAccountName,
        BillingCurrency,
        case x_SkuPriceType
            when 'Consumption' then 'Usage'
            when 'SavingsPlan' then 'Usage'
            when 'ReservedInstance' then 'Purchase'
        end as ChargeCategory,
        case when reservation then 'Usage' when savings_plan then 'Spend' end as CommitmentDiscountCategory,
        case when reservation then 'Reservation' when savings_plan then 'Savings Plan' end as CommitmentDiscountType,
        case when savings_plan then PricingCurrency end as CommitmentDiscountUnit,
        contracted_unit_price as ContractedUnitPrice,
        list_unit_price as ListUnitPrice,
        case
            when savings_plan then 'Committed'
            when x_SkuPriceType in ('Consumption', 'ReservedInstance') then 'Standard'
        end as PricingCategory,
        PricingCurrency,
        pricing_unit as PricingUnit,
        x_SkuProductId as SkuId,
        SkuMeter,
        x_SkuProductId || '_' || x_SkuId || '_' || x_SkuMeterType as SkuPriceId,
        x_BaseUnitPrice,
        channel as x_BillingAccountAgreement,
        account_id as x_BillingAccountId,
        profile_id as x_BillingProfileId,
        x_BillingProfileName,
        list_unit_price - contracted_unit_price as x_ContractedUnitPriceDiscount,
        case when list_unit_price <> 0 then
            -- a ratio to 12 decimals (DECIMAL / DECIMAL is DOUBLE in DuckDB: no digits past the 12th from it)
            ((list_unit_price - contracted_unit_price) / list_unit_price)::decimal(38, 12)::decimal(38, 18)
        end as x_ContractedUnitPriceDiscountPercent,
        x_EffectivePeriodEnd,
        x_EffectivePeriodStart,
        case when savings_plan then UnitPrice end as x_EffectiveUnitPrice,
        pricing_block_size as x_PricingBlockSize,
        case
            when savings_plan then 'Committed Spend'
            when reservation then 'Standard'
            when x_SkuPriceType = 'Consumption' and (x_SkuIncludedQuantity > 0 or x_SkuTier > 0) then 'Tiered'
            when x_SkuPriceType = 'Consumption' then 'Standard'
        end as x_PricingSubcategory,
        x_PricingUnitDescription,
        x_SkuDescription,
        x_SkuId,
        x_SkuIncludedQuantity,
        x_SkuMeterCategory,
        x_SkuMeterId,
        x_SkuMeterSubcategory,
        x_SkuMeterType,
        x_SkuOfferId,
        x_SkuPartNumber,
        x_SkuPriceType,
        x_SkuProductId,
        x_SkuRegion,
        x_SkuServiceFamily,
        hub_iso_months(Term) as x_SkuTerm,
        x_SkuTier,
        'Cost Management' as x_SourceName,
        'Microsoft' as x_SourceProvider,
        'PriceSheet' as x_SourceType,
        getvariable('hub_data_version') as x_SourceVersion,
    from priced
)

select * from final
