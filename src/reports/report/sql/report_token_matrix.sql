-- Token-cost matrix, model → direction, from relation `report_token_rows` (the report month's rows of
-- ai_token_rows_v1_2.sql: AIUnitEconomics rows with counted tokens) in billing currency $currency. level 0 is a
-- model × direction row, 1 a model subtotal, 2 the total; share is the % of the total's effective cost (1 decimal).
-- Models by effective cost, each subtotal before its directions. Without counted tokens, only the total row, at 0.
with token_rows as (
    select * from report_token_rows
    where currency = $currency
),
grouped as (
    select
        model,
        direction,
        grouping(model) + grouping(direction) as level,
        sum(tokens) as tokens,
        sum(effective_cost) as effective_cost
    from token_rows
    group by grouping sets ((model, direction), (model), ())
),
final as (
    select
        level,
        model,
        direction,
        coalesce(tokens, 0)::varchar as tokens,
        coalesce(effective_cost, 0)::varchar as effective_cost,
        (effective_cost * 1000000 / nullif(tokens, 0))::decimal(38, 6)::varchar as cost_per_million,
        round(100 * effective_cost / nullif(max(effective_cost) filter (where level = 2) over (), 0), 1)::varchar
            as share,
        max(effective_cost) filter (where level = 1) over (partition by model) as model_cost,
        effective_cost as sort_cost
    from grouped
)
select * exclude (model_cost, sort_cost) from final
order by level = 2, model_cost desc, model, level desc, sort_cost desc, direction
