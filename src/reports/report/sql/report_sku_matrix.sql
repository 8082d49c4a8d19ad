-- Token-cost matrix, SKU meter category → subcategory, from relation `ai_unit_economics` (which keeps the meter
-- category and subcategory of its Costs rows) in billing currency $currency: groups with counted tokens, the same rows
-- the model matrix sums. level 0 is a category × subcategory row, 1 a category subtotal, 2 the total; share as there.
with token_costs as (
    select
        x_SkuMeterCategory as category,
        x_SkuMeterSubcategory as subcategory,
        x_TokenCount as tokens,
        EffectiveCost as effective_cost
    from ai_unit_economics
    where x_TokenCount is not null
        and BillingCurrency = $currency
        and strftime(x_ChargeDate, '%Y-%m') = $month
),
grouped as (
    select
        category,
        subcategory,
        grouping(category) + grouping(subcategory) as level,
        sum(tokens) as tokens,
        sum(effective_cost) as effective_cost
    from token_costs
    group by grouping sets ((category, subcategory), (category), ())
),
final as (
    select
        level,
        category,
        subcategory,
        coalesce(tokens, 0)::varchar as tokens,
        coalesce(effective_cost, 0)::varchar as effective_cost,
        (effective_cost * 1000000 / nullif(tokens, 0))::decimal(38, 6)::varchar as cost_per_million,
        round(100 * effective_cost / nullif(max(effective_cost) filter (where level = 2) over (), 0), 1)::varchar
            as share,
        max(effective_cost) filter (where level = 1) over (partition by category) as category_cost,
        effective_cost as sort_cost
    from grouped
)
select * exclude (category_cost, sort_cost) from final
order by level = 2, category_cost desc, category, level desc, sort_cost desc, subcategory
