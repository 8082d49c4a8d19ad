-- The Prices columns load_prices reads, with no rows: used when no price sheet is published for the run's month.
create or replace temp view hub_price_sheet as
select
    null::varchar as x_BillingProfileId,
    null::varchar as x_SkuMeterId,
    null::varchar as x_SkuOfferId,
    null::varchar as x_SkuPriceType,
    null::timestamptz as x_EffectivePeriodStart,
    null::timestamptz as x_EffectivePeriodEnd,
    null::varchar as x_PricingUnitDescription,
    null::decimal(38, 18) as x_PricingBlockSize,
    null::varchar as PricingUnit,
    null::varchar as PricingCurrency,
    null::decimal(38, 18) as ListUnitPrice,
    null::decimal(38, 18) as ContractedUnitPrice,
where false
