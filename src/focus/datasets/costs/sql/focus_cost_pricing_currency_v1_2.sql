-- The FOCUS 1.2 PricingCurrency* columns, for every billing currency. Reads relation cost_prices. A value the export
-- gives is kept; otherwise, first rule that applies:
--   PricingCurrency = BillingCurrency: the billing-currency value;
--   PricingCurrencyEffectiveCost with PricingCurrency USD: x_EffectiveCostInUsd (exact, from the export);
--   a zero price or cost: 0;
--   else value ÷ x_BillingExchangeRate (the export's pricing-to-billing rate), exact in DECIMAL(38, 18) and rounded
--   half to even (hub_quotient), flagged ConvertedToPricingCurrency.
-- Without a usable rate the value stays null, flagged MissingBillingExchangeRate. The contracted price is divided
-- only when it differs from the list price.
with

currencies as (
    select
        *,
        PricingCurrency = BillingCurrency as same_currency,
        PricingCurrency <> BillingCurrency and x_BillingExchangeRate <> 0 as by_rate,
    from cost_prices
),

units as (
    select
        *,
        case when by_rate then hub_units(x_BillingExchangeRate) end as rate_units,
        case
            when by_rate and PricingCurrencyListUnitPrice is null and ListUnitPrice <> 0
                then hub_units(ListUnitPrice)
        end as list_units,
        case
            when by_rate and PricingCurrencyContractedUnitPrice is null and ContractedUnitPrice <> 0
                and ContractedUnitPrice is distinct from ListUnitPrice
                then hub_units(ContractedUnitPrice)
        end as contracted_units,
    from currencies
),

quotients as (
    select
        *,
        hub_quotient_floor(list_units, rate_units) as list_floor,
        hub_quotient_floor(contracted_units, rate_units) as contracted_floor,
    from units
),

converted as (
    select
        *,
        coalesce(PricingCurrencyListUnitPrice, case
            when same_currency or ListUnitPrice = 0 then ListUnitPrice
            when list_units is not null then hub_from_units(hub_quotient(list_units, rate_units, list_floor))
        end) as list_price,
        coalesce(PricingCurrencyEffectiveCost, case
            when same_currency or EffectiveCost = 0 then EffectiveCost
            when PricingCurrency = 'USD' and x_EffectiveCostInUsd is not null then x_EffectiveCostInUsd
            when by_rate then hub_divide(EffectiveCost, x_BillingExchangeRate)
        end) as effective_cost,
        PricingCurrencyEffectiveCost is null and not same_currency and EffectiveCost <> 0
            and not (PricingCurrency = 'USD' and x_EffectiveCostInUsd is not null) as effective_by_rate,
    from quotients
),

final as (
    select
        * exclude (
            same_currency, by_rate, rate_units, list_units, contracted_units, list_floor, contracted_floor,
            list_price, effective_cost, effective_by_rate
        ) replace (
            list_price as PricingCurrencyListUnitPrice,
            effective_cost as PricingCurrencyEffectiveCost,
            coalesce(PricingCurrencyContractedUnitPrice, case
                when same_currency or ContractedUnitPrice = 0 then ContractedUnitPrice
                when ContractedUnitPrice = ListUnitPrice then list_price
                when contracted_units is not null
                    then hub_from_units(hub_quotient(contracted_units, rate_units, contracted_floor))
            end) as PricingCurrencyContractedUnitPrice,
            nullif(concat_ws(
                ',',
                x_SourceChanges,
                case
                    when list_units is not null or contracted_units is not null or (effective_by_rate and by_rate)
                        then 'ConvertedToPricingCurrency'
                end,
                case
                    when not same_currency and not coalesce(by_rate, false) and (
                        (list_price is null and ListUnitPrice is not null)
                        or (effective_cost is null and EffectiveCost is not null)
                    ) then 'MissingBillingExchangeRate'
                end
            ), '') as x_SourceChanges
        ),
    from converted
)

select * from final
