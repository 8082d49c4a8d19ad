-- AIUnitEconomics dataset rows: the partials (relation `ai_unit_economics_partials`, ai_unit_economics_v1_2.sql output
-- of several parts) summed again per group, then cost per 1K and per 1M tokens from the sums: Σcost ÷ Σtokens.
-- Exact decimal arithmetic: DECIMAL ÷ DECIMAL is DOUBLE in DuckDB and DECIMAL(38,18) × DECIMAL(38,18) overflows, so
-- costs are taken in units of 10^-12 and tokens in units of 10^-6 as HUGEINT and divided by long division (quotient
-- and remainder separately, so no intermediate exceeds cost × 10^12), rounded half away from zero to 12 decimals.
-- Ratios are null when the group counted no tokens (tokens null or 0).
with summed as (
    -- the group columns are the partial's, in its order: everything but the sums
    select
        * exclude (x_TokenCount, BilledCost, EffectiveCost, ListCost, x_RowCount),
        sum(x_TokenCount)::decimal(38, 6) as x_TokenCount,
        sum(BilledCost)::decimal(38, 18) as BilledCost,
        sum(EffectiveCost)::decimal(38, 18) as EffectiveCost,
        sum(ListCost)::decimal(38, 18) as ListCost,
        sum(x_RowCount)::bigint as x_RowCount
    from ai_unit_economics_partials
    group by all
),
scaled as (
    select
        *,
        (abs(x_TokenCount) * 1000000)::hugeint as token_micros,
        sign(x_TokenCount) as token_sign,
        list_transform(
            [BilledCost, EffectiveCost, ListCost],
            c -> (c::decimal(38, 12) * 1000000000000)::hugeint
        ) as cost_picos
    from summed
),
divided as (
    select
        *,
        -- [per 1K, per 1M] x [billed, effective, list], in units of 10^-12
        list_transform(
            [1000000000, 1000000000000]::hugeint[],
            m -> list_transform(
                cost_picos,
                c -> case
                    when token_micros > 0 then sign(c) * token_sign * (
                        abs(c) // token_micros * m
                        + ((abs(c) % token_micros) * m * 2 + token_micros) // (token_micros * 2)
                    )
                end
            )
        ) as per_block
    from scaled
),
final as (
    select
        * exclude (token_micros, token_sign, cost_picos, per_block, x_RowCount),
        (per_block[1][1]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_BilledCostPer1KTokens,
        (per_block[1][2]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_EffectiveCostPer1KTokens,
        (per_block[1][3]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_ListCostPer1KTokens,
        (per_block[2][1]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_BilledCostPer1MTokens,
        (per_block[2][2]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_EffectiveCostPer1MTokens,
        (per_block[2][3]::decimal(38, 0) * 0.000000000001)::decimal(38, 12) as x_ListCostPer1MTokens,
        x_RowCount
    from divided
)
select * from final
