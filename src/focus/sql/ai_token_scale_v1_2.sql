-- Per-row token scale for AI token meters (x_TokenBlockSize 1000 or 1000000; null rows pass through untouched).
-- Exports disagree on whether PricingQuantity counts raw tokens or 1K/1M blocks, so each row proves its scale:
--   k = cost / (PricingQuantity * unit price) for (EffectiveCost, x_EffectiveUnitPrice), (ListCost, ListUnitPrice) and
--   (BilledCost, ContractedUnitPrice); k ~ 1 means blocks, k ~ 1/blockSize means raw tokens, anything else is bad.
-- Pairs with a zero or missing cost or price prove nothing. Without price evidence, ConsumedQuantity / PricingQuantity
-- ~ blockSize proves blocks. Conflicting or bad evidence gives Unknown and no token count: no silent guess.
with evidence as (
    select
        *,
        case when coalesce(PricingQuantity, 0) > 0 then PricingQuantity::double end as pq,
        x_TokenBlockSize::double as block
    from ai_rows
),
ratios as (
    select
        *,
        EffectiveCost::double / nullif(pq * x_EffectiveUnitPrice::double, 0) as k_effective,
        ListCost::double / nullif(pq * ListUnitPrice::double, 0) as k_list,
        BilledCost::double / nullif(pq * ContractedUnitPrice::double, 0) as k_billed,
        ConsumedQuantity::double / pq as consumed_per_priced
    from evidence
),
verdicts as (
    select
        *,
        list_transform(
            list_filter([k_effective, k_list, k_billed], k -> k is not null and k > 0),
            k -> case
                when k between 0.9 and 1.1 then 'Blocks'
                when k * block between 0.9 and 1.1 then 'Tokens'
                else 'Bad'
            end
        ) as price_verdicts
    from ratios
),
scaled as (
    select
        *,
        case
            when x_TokenBlockSize is null then null
            when pq is null then 'Unknown'
            when list_contains(price_verdicts, 'Bad') then 'Unknown'
            when list_contains(price_verdicts, 'Blocks') and list_contains(price_verdicts, 'Tokens') then 'Unknown'
            when list_contains(price_verdicts, 'Blocks') then 'Blocks'
            when list_contains(price_verdicts, 'Tokens') then 'Tokens'
            when consumed_per_priced / block between 0.99 and 1.01 then 'Blocks'
            else 'Unknown'
        end as x_QuantityScaleDetected
    from verdicts
),
counted as (
    select
        * exclude (pq, block, k_effective, k_list, k_billed, consumed_per_priced, price_verdicts),
        case
            when x_TokenBlockSize is null then null
            when coalesce(PricingQuantity, 0) = 0 and coalesce(ConsumedQuantity, 0) = 0 then 0::decimal(38, 6)
            when x_QuantityScaleDetected = 'Blocks' then (PricingQuantity * x_TokenBlockSize)::decimal(38, 6)
            when x_QuantityScaleDetected = 'Tokens' then PricingQuantity::decimal(38, 6)
        end as x_TokenCount
    from scaled
),
final as (
    select
        *,
        (BilledCost::double / nullif(x_TokenCount::double, 0) * 1e6)::decimal(38, 12) as x_BilledCostPerMillionTokens,
        (EffectiveCost::double / nullif(x_TokenCount::double, 0) * 1e6)::decimal(38, 12) as x_EffectiveCostPerMillionTokens,
        (ListCost::double / nullif(x_TokenCount::double, 0) * 1e6)::decimal(38, 12) as x_ListCostPerMillionTokens
    from counted
)
select * from final
