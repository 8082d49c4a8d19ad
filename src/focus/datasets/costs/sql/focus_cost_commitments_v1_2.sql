-- CommitmentDiscountQuantity and CommitmentDiscountUnit where the export leaves them null (Cost Management exports
-- do), on Usage and Purchase rows with a CommitmentDiscountId that are not corrections, as FinOps hubs derive them
-- (IngestionSetup_v1_2.kql) with the block size the right way round. Reads relation cost_currency.
--   Spend (savings plans): the amount in PricingCurrency, the unit PricingCurrency: PricingCurrencyEffectiveCost on
--     usage, BilledCost in the pricing currency on purchases (FOCUS's commitment purchase examples).
--   Usage (reservations): PricingQuantity x x_PricingBlockSize (the consumed units) x the instance size flexibility
--     ratio (RINormalizationRatio in the export's SKU details, else 1); the unit is the consumed unit, prefixed
--     `Normalized ` when the ratio is not 1. On purchases this is the export's purchased quantity.
-- Also sets PricingCategory `Committed` on usage a commitment discount applies to (flagged as the toolkit flags it).
with

commitments as (
    select
        *,
        CommitmentDiscountQuantity is null and CommitmentDiscountId is not null
            and coalesce(ChargeCategory in ('Usage', 'Purchase'), false) and ChargeClass is distinct from 'Correction'
            as derives,
        coalesce(
            PricingCategory = 'Standard' and CommitmentDiscountId is not null and ChargeCategory = 'Usage', false
        ) as committed_usage,
    from cost_currency
),

ratios as (
    select
        *,
        case
            when derives and CommitmentDiscountCategory = 'Usage' then coalesce(
                case
                    when hub_is_object(x_SkuDetails) then try_cast(coalesce(
                        json_extract_string(x_SkuDetails, '$.RINormalizationRatio'),
                        json_extract_string(x_SkuDetails, '$.x_RINormalizationRatio')
                    ) as decimal(38, 18))
                end,
                1
            )
        end as ratio,
    from commitments
),

quantities as (
    select
        *,
        case
            when not derives then CommitmentDiscountQuantity
            when CommitmentDiscountCategory = 'Spend' and ChargeCategory = 'Usage' then PricingCurrencyEffectiveCost
            when CommitmentDiscountCategory = 'Spend' then case
                when PricingCurrency = BillingCurrency then BilledCost
                when PricingCurrency = 'USD' and x_BilledCostInUsd is not null then x_BilledCostInUsd
                when x_BillingExchangeRate <> 0 then hub_divide(BilledCost, x_BillingExchangeRate)
            end
            when CommitmentDiscountCategory = 'Usage' and coalesce(x_PricingBlockSize, 1) = 1 and ratio = 1
                then PricingQuantity
            when CommitmentDiscountCategory = 'Usage'
                then hub_multiply(hub_multiply(PricingQuantity, coalesce(x_PricingBlockSize, 1)), ratio)
        end as quantity,
    from ratios
),

final as (
    select
        * exclude (derives, committed_usage, ratio, quantity) replace (
            quantity as CommitmentDiscountQuantity,
            case
                when not derives or CommitmentDiscountUnit is not null or quantity is null then CommitmentDiscountUnit
                when CommitmentDiscountCategory = 'Spend' then PricingCurrency
                else case when ratio <> 1 then 'Normalized ' else '' end || coalesce(ConsumedUnit, PricingUnit)
            end as CommitmentDiscountUnit,
            case when committed_usage then 'Committed' else PricingCategory end as PricingCategory,
            nullif(concat_ws(
                ',',
                x_SourceChanges,
                case when derives and quantity is not null then 'MissingCommitmentDiscountQuantity' end,
                case when committed_usage then 'PricingCategoryShouldBeCommitted' end
            ), '') as x_SourceChanges
        ),
    from quantities
)

select * from final
