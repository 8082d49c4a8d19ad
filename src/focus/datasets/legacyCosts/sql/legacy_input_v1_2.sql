-- What a legacy part holds before conversion, for its reconciliation (docs/reconciliation.md) and its AI meters: per
-- row the billing currency, the FOCUS charge category and class its ChargeType stands for (the documented table:
-- Usage, Purchase, Credit, Tax kept; UnusedReservation, UnusedSavingsPlan Usage; Refund a Purchase Correction; none
-- Usage; anything else Adjustment), its cost in billing currency as the input of both BilledCost and EffectiveCost,
-- and what the Costs chain reads once per distinct value (loadCostTexts) keyed as stg_cost keys it (MeterId →
-- x_SkuMeterId, MeterName → SkuMeter, …, AdditionalInfo → SkuPriceDetails, Tags as they are), with the ledger's own
-- columns (hub_ledger_*) as they are. Reads `legacy_source`.
with

charges as (
    select
        BillingCurrency,
        lower(trim(coalesce(ChargeType, 'Usage'))) as charge_type,
        Cost,
        MeterId,
        MeterName,
        MeterSubCategory,
        MeterCategory,
        Tags,
        AdditionalInfo,
        columns('^hub_ledger_'),
    from legacy_source
),

final as (
    select
        BillingCurrency,
        case
            when charge_type in ('usage', 'unusedreservation', 'unusedsavingsplan') then 'Usage'
            when charge_type in ('purchase', 'refund') then 'Purchase'
            when charge_type = 'credit' then 'Credit'
            when charge_type = 'tax' then 'Tax'
            else 'Adjustment'
        end as ChargeCategory,
        case when charge_type = 'refund' then 'Correction' end as ChargeClass,
        Cost as BilledCost,
        Cost as EffectiveCost,
        MeterId as x_SkuMeterId,
        MeterName as SkuMeter,
        MeterSubCategory as x_SkuMeterSubcategory,
        MeterCategory as x_SkuMeterCategory,
        Tags,
        AdditionalInfo as SkuPriceDetails,
        columns('^hub_ledger_'),
    from charges
)

select * from final
