-- The report's cost per 1M tokens chart: one row per model × token direction × deployment type in billing currency
-- $currency, from relation `ai_unit_economics`, with its days from $from to the last charge day (of any currency) on
-- or before $through as lists. The same series, values and order as grain `level` of the anomaly detector's
-- `ai_daily_series.sql` cut by x_ModelId, read alone: the detector's cells and tag series are not built for it.
with ai_rows as (
    select * from ai_unit_economics
    where x_ChargeDate between $from::date and $through::date
),
daily as (
    select
        json_object(
            'x_ModelId', x_ModelId,
            'x_TokenDirection', x_TokenDirection,
            'x_DeploymentType', x_DeploymentType
        )::varchar as dimensions,
        x_ChargeDate as charge_date,
        sum(EffectiveCost) as effective_cost,
        sum(EffectiveCost) filter (where x_TokenCount is not null) as token_cost,
        sum(x_TokenCount) as tokens
    from ai_rows
    where BillingCurrency = $currency
    group by x_ModelId, x_TokenDirection, x_DeploymentType, x_ChargeDate
),
days as (
    select unnest(range($from::date, (select max(x_ChargeDate) from ai_rows) + 1, interval 1 day))::date as charge_date
),
series as (
    select distinct dimensions from daily
),
final as (
    select
        series.dimensions,
        days.charge_date,
        coalesce(daily.effective_cost, 0)::varchar as effective_cost,
        daily.token_cost::varchar as token_cost,
        daily.tokens::varchar as tokens,
        (daily.token_cost * 1000000 / nullif(daily.tokens, 0))::decimal(38, 6)::varchar as cost_per_million
    from series
    cross join days
    left join daily on daily.dimensions = series.dimensions and daily.charge_date = days.charge_date
)
select
    dimensions,
    list(strftime(charge_date, '%Y-%m-%d') order by charge_date) as dates,
    list(effective_cost order by charge_date) as effective_cost,
    list(token_cost order by charge_date) as token_cost,
    list(tokens order by charge_date) as tokens,
    list(cost_per_million order by charge_date) as cost_per_million
from final
group by dimensions
order by dimensions
