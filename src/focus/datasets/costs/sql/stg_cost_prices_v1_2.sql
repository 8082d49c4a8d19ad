-- Fills ListUnitPrice and ContractedUnitPrice of usage rows where the export left them null or 0 (and the row has a
-- cost) from the month's published price sheets (hub_prices, loaded by loadPrices), joined as FinOps hubs join them
-- (billing profile, meter, offer, month) but one price per row at most: the offer only where the sheet has one (EA),
-- the price in force on the charge day. Prices are converted from the pricing to the billing currency
-- (x_BillingExchangeRate; 1 when the sheet is in the billing currency) and rescaled when the sheet's block size
-- differs from the row's (same distinct unit). ListCost and ContractedCost, when also null or 0, become price x
-- PricingQuantity; the PricingCurrency prices, when null, take the sheet's price. Marks filled rows in
-- hub_prices_filled (turned into x_SourceChanges PricesFromPriceSheet after focus_cost). Reads stg_cost_export.
with

staged as (
    select * from stg_cost_export
),

keyed as (
    select
        *,
        ChargeCategory = 'Usage'
            and (coalesce(ListUnitPrice, 0) = 0 or coalesce(ContractedUnitPrice, 0) = 0)
            and (coalesce(BilledCost, 0) <> 0 or coalesce(EffectiveCost, 0) <> 0) as hub_price_missing,
        ChargePeriodStart::date as hub_charge_day,
    from staged
),

matched as (
    select
        keyed.*,
        coalesce(by_offer.price, any_offer.price) as hub_sheet,
    from keyed
    left join hub_prices as by_offer
        on keyed.hub_price_missing
        and by_offer.billing_profile = lower(keyed.x_BillingProfileId)
        and by_offer.meter_id = lower(keyed.x_SkuMeterId)
        and by_offer.offer_key = lower(keyed.x_SkuOfferId)
        and keyed.hub_charge_day >= by_offer.start_day
        and keyed.hub_charge_day < by_offer.end_before
    left join hub_prices as any_offer
        on keyed.hub_price_missing
        and any_offer.billing_profile = lower(keyed.x_BillingProfileId)
        and any_offer.meter_id = lower(keyed.x_SkuMeterId)
        and any_offer.offer_key = ''
        and keyed.hub_charge_day >= any_offer.start_day
        and keyed.hub_charge_day < any_offer.end_before
),

-- The sheet's prices per the row's pricing block (price x row block / sheet block, both whole numbers of units, exact:
-- rounded at the 18th decimal), and the rate to the billing currency; null when not convertible.
converted as (
    select
        *,
        case
            when hub_sheet.unit_description = x_PricingUnitDescription then 'same'
            when hub_sheet.pricing_unit = PricingUnit and hub_sheet.block_size > 0 and x_PricingBlockSize > 0
                and hub_sheet.block_size = trunc(hub_sheet.block_size) and x_PricingBlockSize = trunc(x_PricingBlockSize)
                then 'rescaled'
        end as hub_block,
        case
            when hub_block = 'same' then hub_sheet.list_unit_price
            when hub_block = 'rescaled'
                then hub_rescale(hub_sheet.list_unit_price, x_PricingBlockSize, hub_sheet.block_size)
        end as hub_sheet_list,
        case
            when hub_block = 'same' then hub_sheet.contracted_unit_price
            when hub_block = 'rescaled'
                then hub_rescale(hub_sheet.contracted_unit_price, x_PricingBlockSize, hub_sheet.block_size)
        end as hub_sheet_contracted,
        case
            when hub_sheet.currency = BillingCurrency then 1::decimal(38, 18)
            when hub_sheet.currency = PricingCurrency and x_BillingExchangeRate > 0 then x_BillingExchangeRate
        end as hub_rate,
    from matched
),

filled as (
    select
        *,
        case when coalesce(ListUnitPrice, 0) = 0 and hub_sheet_list > 0 and hub_rate is not null
            then hub_multiply(hub_sheet_list, hub_rate) end as hub_list_fill,
        case when coalesce(ContractedUnitPrice, 0) = 0 and hub_sheet_contracted > 0 and hub_rate is not null
            then hub_multiply(hub_sheet_contracted, hub_rate) end as hub_contracted_fill,
        hub_sheet.currency = coalesce(PricingCurrency, BillingCurrency) as hub_sheet_in_pricing_currency,
    from converted
),

final as (
    select
        * exclude (
            hub_price_missing, hub_charge_day, hub_sheet, hub_block, hub_sheet_list, hub_sheet_contracted,
            hub_rate, hub_list_fill, hub_contracted_fill, hub_sheet_in_pricing_currency
        ) replace (
            coalesce(hub_list_fill, ListUnitPrice) as ListUnitPrice,
            coalesce(hub_contracted_fill, ContractedUnitPrice) as ContractedUnitPrice,
            case when coalesce(ListCost, 0) = 0 and hub_list_fill is not null and PricingQuantity is not null
                then hub_multiply(hub_list_fill, PricingQuantity) else ListCost end as ListCost,
            case when coalesce(ContractedCost, 0) = 0 and hub_contracted_fill is not null and PricingQuantity is not null
                then hub_multiply(hub_contracted_fill, PricingQuantity) else ContractedCost end as ContractedCost,
            case when PricingCurrencyListUnitPrice is null and hub_list_fill is not null and hub_sheet_in_pricing_currency
                then hub_sheet_list else PricingCurrencyListUnitPrice end as PricingCurrencyListUnitPrice,
            case when PricingCurrencyContractedUnitPrice is null and hub_contracted_fill is not null
                and hub_sheet_in_pricing_currency
                then hub_sheet_contracted else PricingCurrencyContractedUnitPrice end
                as PricingCurrencyContractedUnitPrice
        ),
        hub_list_fill is not null or hub_contracted_fill is not null as hub_prices_filled,
    from filled
)

select * from final
