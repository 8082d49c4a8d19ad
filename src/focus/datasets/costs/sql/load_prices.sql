-- Temp table hub_prices: the consumption prices of the published price sheets (view hub_price_sheet), one row per
-- billing profile, meter, offer ('' for MCA sheets, which have none) and start day, valid until the day before the
-- next start or the sheet's end day. Where the rows starting on one day disagree (tiers, several units), the price is
-- left null: the hub does not guess which one a cost row was charged at.
create or replace temp table hub_prices as

with

sheet as (
    select
        lower(x_BillingProfileId) as billing_profile,
        lower(x_SkuMeterId) as meter_id,
        coalesce(lower(x_SkuOfferId), '') as offer_key,
        coalesce(x_EffectivePeriodStart::date, date '0001-01-01') as start_day,
        coalesce(x_EffectivePeriodEnd::date, date '9999-12-30') as end_day,
        {
            'unit_description': x_PricingUnitDescription,
            'block_size': x_PricingBlockSize,
            'pricing_unit': PricingUnit,
            'currency': PricingCurrency,
            'list_unit_price': ListUnitPrice,
            'contracted_unit_price': ContractedUnitPrice,
        } as price,
    from hub_price_sheet
    where x_SkuPriceType = 'Consumption' and x_BillingProfileId is not null and x_SkuMeterId is not null
),

starts as (
    select
        billing_profile,
        meter_id,
        offer_key,
        start_day,
        max(end_day) as end_day,
        count(distinct price) as variants,
        min(price) as price,
    from sheet
    group by all
),

final as (
    select
        billing_profile,
        meter_id,
        offer_key,
        start_day,
        least(
            end_day + 1,
            lead(start_day) over (partition by billing_profile, meter_id, offer_key order by start_day)
        ) as end_before,
        case when variants = 1 then price end as price,
    from starts
)

select * from final
