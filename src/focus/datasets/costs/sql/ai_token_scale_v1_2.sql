-- Per-row token scale for AI token meters (x_TokenBlockSize 1000 or 1000000; null rows pass through untouched).
-- Exports disagree on whether PricingQuantity counts raw tokens or 1K/1M blocks, so each row proves its scale:
--   k = cost / (PricingQuantity * unit price) for (EffectiveCost, x_EffectiveUnitPrice), (ListCost, ListUnitPrice) and
--   (BilledCost, ContractedUnitPrice); k ~ 1 means blocks, k ~ 1/blockSize means raw tokens, anything else is bad.
-- Pairs with a zero or missing cost or price prove nothing. Without price evidence, ConsumedQuantity / PricingQuantity
-- ~ blockSize proves blocks. Conflicting or bad evidence gives Unknown and no token count: no silent guess.
with evidence as (
    select
        *,
        -- everything below is computed for token-meter rows only (pq is null on all others), which keeps the
        -- double conversions and list lambdas off the million non-AI rows of a part
        case when x_TokenBlockSize is not null and PricingQuantity > 0 then PricingQuantity::double end as pq,
        x_TokenBlockSize::double as block
    from ai_rows
),
ratios as (
    select
        *,
        case when pq is not null then EffectiveCost::double / nullif(pq * x_EffectiveUnitPrice::double, 0) end
            as k_effective,
        case when pq is not null then ListCost::double / nullif(pq * ListUnitPrice::double, 0) end as k_list,
        case when pq is not null then BilledCost::double / nullif(pq * ContractedUnitPrice::double, 0) end as k_billed,
        case when pq is not null then ConsumedQuantity::double / pq end as consumed_per_priced
    from evidence
),
verdicts as (
    select
        *,
        case when pq is not null then list_transform(
            list_filter([k_effective, k_list, k_billed], k -> k is not null and k > 0),
            k -> case
                when k between 0.9 and 1.1 then 'Blocks'
                when k * block between 0.9 and 1.1 then 'Tokens'
                else 'Bad'
            end
        ) end as price_verdicts
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
        case when x_TokenCount <> 0 then (BilledCost::double / x_TokenCount::double * 1e6)::decimal(38, 12) end
            as x_BilledCostPerMillionTokens,
        case when x_TokenCount <> 0 then (EffectiveCost::double / x_TokenCount::double * 1e6)::decimal(38, 12) end
            as x_EffectiveCostPerMillionTokens,
        case when x_TokenCount <> 0 then (ListCost::double / x_TokenCount::double * 1e6)::decimal(38, 12) end
            as x_ListCostPerMillionTokens
    from counted
)
select * from final
