-- AI cost by consumer for month $month in billing currency $currency, from relation `cost_allocation`
-- (CostAllocation): each consumer's allocated effective cost and tokens and its % of the month's allocated cost; the
-- consumer `unallocated` holds what no consumer reported. Amounts as exact decimal text, largest first.
with

month_rows as (
    select * from cost_allocation
    where strftime(x_ChargeDate, '%Y-%m') = $month and BillingCurrency = $currency
),

grouped as (
    select
        x_Consumer as consumer,
        any_value(x_ConsumerDimension) as dimension,
        sum(EffectiveCost) as effective_cost,
        coalesce(sum(x_TokenCount), 0) as tokens,
    from month_rows
    group by all
),

final as (
    select
        consumer,
        dimension,
        effective_cost::varchar as effectiveCost,
        tokens::decimal(38, 0)::varchar as tokens,
        round(100 * effective_cost / nullif(sum(effective_cost) over (), 0), 1)::varchar as share,
        effective_cost as sort_cost,
    from grouped
)

select * exclude (sort_cost) from final
order by consumer = 'unallocated', sort_cost desc, consumer
