-- Daily AI effective cost per model (x_ModelId) and overall, per billing currency, from relation `ai_unit_economics`
-- (AIUnitEconomics rows), for the month-end forecast. `dimensions` is the series' JSON object of Costs columns
-- (`{}` overall). Every series has a row for every day from $from to the last charge day on or before $through; a
-- day without rows costs 0.
with ai_rows as (
    select * from ai_unit_economics
    where x_ChargeDate between $from::date and $through::date
),
daily as (
    select
        BillingCurrency as currency,
        case
            when grouping(x_ModelId) = 0 then json_object('x_ModelId', x_ModelId)
            else json_object()
        end::varchar as dimensions,
        x_ChargeDate as charge_date,
        sum(EffectiveCost) as effective_cost
    from ai_rows
    group by grouping sets ((BillingCurrency, x_ChargeDate), (BillingCurrency, x_ChargeDate, x_ModelId))
),
days as (
    select unnest(range($from::date, (select max(charge_date) from daily) + 1, interval 1 day))::date as charge_date
),
series as (
    select distinct currency, dimensions from daily
),
final as (
    select
        series.currency,
        series.dimensions,
        strftime(days.charge_date, '%Y-%m-%d') as charge_date,
        coalesce(daily.effective_cost, 0)::varchar as effective_cost
    from series
    cross join days
    left join daily
        on daily.currency is not distinct from series.currency
        and daily.dimensions = series.dimensions
        and daily.charge_date = days.charge_date
)
select * from final
order by currency, dimensions, charge_date
