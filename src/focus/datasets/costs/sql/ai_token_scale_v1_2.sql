-- Per-row token scale for AI token meters (x_TokenBlockSize 1000 or 1000000; null rows pass through untouched).
-- Exports disagree on whether PricingQuantity counts raw tokens or 1K/1M blocks, so each row proves its scale:
--   k = cost / (PricingQuantity * unit price) for (EffectiveCost, x_EffectiveUnitPrice), (ListCost, ListUnitPrice) and
--   (BilledCost, ContractedUnitPrice); k ~ 1 means blocks, k ~ 1/blockSize means raw tokens, anything else is bad.
-- Pairs with a zero or missing cost or price prove nothing. ConsumedQuantity (raw units in Cost Management's exports)
-- ~ PricingQuantity * blockSize proves blocks too, ~ PricingQuantity proves nothing, anything else is bad; so is an
-- x_PricingBlockSize other than the meter's block size. A correction's negative quantity and cost prove the same as a
-- charge's. Conflicting or bad evidence gives Unknown and no token count: no silent guess.
-- Speed: DECIMAL(38,18) to DOUBLE costs about a microsecond a value once it passes 9.2 (DuckDB divides 128-bit
-- integers bit by bit), so each value is converted once, on token-meter rows only (pq is null on all others), and
-- reused; verdicts are bit flags, not lists (1 blocks, 2 tokens, 4 bad), which keeps lambdas off the rows.
with evidence as (
    select
        *,
        case when x_TokenBlockSize is not null and PricingQuantity <> 0 then PricingQuantity::double end as pq,
        x_TokenBlockSize::double as block
    from ai_rows
),
doubles as (
    select
        *,
        case when pq is not null then EffectiveCost::double end as effective_cost,
        case when pq is not null then ListCost::double end as list_cost,
        case when pq is not null then BilledCost::double end as billed_cost,
        case when pq is not null then ConsumedQuantity::double end as consumed
    from evidence
),
ratios as (
    select
        *,
        effective_cost / nullif(pq * x_EffectiveUnitPrice::double, 0) as k_effective,
        list_cost / nullif(pq * ListUnitPrice::double, 0) as k_list,
        billed_cost / nullif(pq * ContractedUnitPrice::double, 0) as k_billed
    from doubles
),
verdicts as (
    -- each pair: no evidence (k null or not positive) 0, k near 1 blocks 1, k near 1 / block size tokens 2, else bad 4;
    -- then the quantities (consumed near PricingQuantity x block size blocks 1, near PricingQuantity 0, else bad 4) and
    -- the stated block size
    select
        *,
        (case when k_effective > 0 then
            case
                when k_effective between 0.9 and 1.1 then 1
                when k_effective * block between 0.9 and 1.1 then 2
                else 4
            end
        else 0 end)
        | (case when k_list > 0 then
            case when k_list between 0.9 and 1.1 then 1 when k_list * block between 0.9 and 1.1 then 2 else 4 end
        else 0 end)
        | (case when k_billed > 0 then
            case when k_billed between 0.9 and 1.1 then 1 when k_billed * block between 0.9 and 1.1 then 2 else 4 end
        else 0 end)
        | (case when consumed <> 0 then
            case
                when consumed / pq / block between 0.99 and 1.01 then 1
                when consumed / pq between 0.99 and 1.01 then 0
                else 4
            end
        else 0 end)
        | (case when pq is not null and x_PricingBlockSize > 1 and x_PricingBlockSize <> x_TokenBlockSize then 4 else 0 end)
            as evidence_bits
    from ratios
),
scaled as (
    select
        *,
        case
            when x_TokenBlockSize is null then null
            when pq is null then 'Unknown'
            when evidence_bits & 4 <> 0 then 'Unknown'
            when evidence_bits & 3 = 3 then 'Unknown'
            when evidence_bits & 1 <> 0 then 'Blocks'
            when evidence_bits & 2 <> 0 then 'Tokens'
            else 'Unknown'
        end as x_QuantityScaleDetected
    from verdicts
),
counted as (
    select
        *,
        case
            when x_TokenBlockSize is null then null
            when coalesce(PricingQuantity, 0) = 0 and coalesce(ConsumedQuantity, 0) = 0 then 0::decimal(38, 6)
            when x_QuantityScaleDetected = 'Blocks' then (PricingQuantity * x_TokenBlockSize)::decimal(38, 6)
            when x_QuantityScaleDetected = 'Tokens' then PricingQuantity::decimal(38, 6)
        end as x_TokenCount
    from scaled
),
per_token as (
    select
        *,
        case when x_TokenCount <> 0 then x_TokenCount::double end as tokens
    from counted
),
final as (
    select
        * exclude (
            pq, block, effective_cost, list_cost, billed_cost, consumed, k_effective, k_list, k_billed, evidence_bits,
            tokens
        ),
        case
            when tokens is not null then (coalesce(billed_cost, BilledCost::double) / tokens * 1e6)::decimal(38, 12)
        end
            as x_BilledCostPerMillionTokens,
        case
            when tokens is not null
                then (coalesce(effective_cost, EffectiveCost::double) / tokens * 1e6)::decimal(38, 12)
        end
            as x_EffectiveCostPerMillionTokens,
        case
            when tokens is not null then (coalesce(list_cost, ListCost::double) / tokens * 1e6)::decimal(38, 12)
        end
            as x_ListCostPerMillionTokens
    from per_token
)
select * from final
