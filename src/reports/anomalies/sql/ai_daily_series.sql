-- Daily series the anomaly detector reads, from relation `ai_unit_economics` (AIUnitEconomics rows): AI effective
-- cost, the cost and tokens of rows with counted tokens, and effective cost per 1M tokens (Σ cost of rows with counted
-- tokens ÷ Σ tokens, as the tokens report computes it), per UTC charge day and billing currency. Grain `level`: the
-- series judged (overall, per model × token direction × deployment type, and per value of each cost-allocation tag,
-- null = untagged); grain `cell`: the finest series (model × direction × deployment × the three tags), which root
-- causes are found among; grain `source`: a finest series of one subscription (`SubAccountId`) whose rows start after
-- the first day read or stop before the last, which tells a scope or subscription starting or stopping (no incident)
-- from a change of the series it adds to. `dimensions` is the series' JSON object of the Costs columns it is cut by
-- (`{}` overall).
-- Every series has a row for every day from $from to the last charge day on or before $through: a day without rows
-- costs 0 and has no cost per 1M tokens.
with ai_rows as (
    -- SubAccountId may be missing from hand-made or older files: then all rows are one source.
    select * from (from ai_unit_economics union all by name select null::varchar as SubAccountId where false)
    where x_ChargeDate between $from::date and $through::date
),
daily as (
    select
        BillingCurrency as currency,
        case
            when grouping(SubAccountId) = 0 then 'source'
            when grouping(x_TagCostCenter, x_ModelId) = 0 then 'cell'
            else 'level'
        end as grain,
        case
            when grouping(SubAccountId) = 0 then json_object(
                'x_ModelId', x_ModelId,
                'x_TokenDirection', x_TokenDirection,
                'x_DeploymentType', x_DeploymentType,
                'x_TagCostCenter', x_TagCostCenter,
                'x_TagApplication', x_TagApplication,
                'x_TagEnvironment', x_TagEnvironment,
                'SubAccountId', SubAccountId
            )
            when grouping(x_TagCostCenter, x_ModelId) = 0 then json_object(
                'x_ModelId', x_ModelId,
                'x_TokenDirection', x_TokenDirection,
                'x_DeploymentType', x_DeploymentType,
                'x_TagCostCenter', x_TagCostCenter,
                'x_TagApplication', x_TagApplication,
                'x_TagEnvironment', x_TagEnvironment
            )
            when grouping(x_ModelId) = 0 then json_object(
                'x_ModelId', x_ModelId,
                'x_TokenDirection', x_TokenDirection,
                'x_DeploymentType', x_DeploymentType
            )
            when grouping(x_TagCostCenter) = 0 then json_object('x_TagCostCenter', x_TagCostCenter)
            when grouping(x_TagApplication) = 0 then json_object('x_TagApplication', x_TagApplication)
            when grouping(x_TagEnvironment) = 0 then json_object('x_TagEnvironment', x_TagEnvironment)
            else json_object()
        end::varchar as dimensions,
        x_ChargeDate as charge_date,
        sum(EffectiveCost) as effective_cost,
        sum(EffectiveCost) filter (where x_TokenCount is not null) as token_cost,
        sum(x_TokenCount) as tokens
    from ai_rows
    group by grouping sets (
        (BillingCurrency, x_ChargeDate),
        (BillingCurrency, x_ChargeDate, x_ModelId, x_TokenDirection, x_DeploymentType),
        (BillingCurrency, x_ChargeDate, x_TagCostCenter),
        (BillingCurrency, x_ChargeDate, x_TagApplication),
        (BillingCurrency, x_ChargeDate, x_TagEnvironment),
        (
            BillingCurrency, x_ChargeDate, x_ModelId, x_TokenDirection, x_DeploymentType,
            x_TagCostCenter, x_TagApplication, x_TagEnvironment
        ),
        (
            BillingCurrency, x_ChargeDate, x_ModelId, x_TokenDirection, x_DeploymentType,
            x_TagCostCenter, x_TagApplication, x_TagEnvironment, SubAccountId
        )
    )
),
days as (
    select unnest(range($from::date, (select max(charge_date) from daily) + 1, interval 1 day))::date as charge_date
),
series as (
    select distinct currency, grain, dimensions from daily where grain <> 'source'
    union all
    -- Sources that start after the first charge day read or stop before the last: only those can tell an incident
    -- from a scope or subscription whose data starts or stops.
    select currency, grain, dimensions from daily where grain = 'source'
    group by all
    having min(charge_date) > (select min(charge_date) from daily)
        or max(charge_date) < (select max(charge_date) from daily)
),
final as (
    select
        series.currency,
        series.grain,
        series.dimensions,
        strftime(days.charge_date, '%Y-%m-%d') as charge_date,
        coalesce(daily.effective_cost, 0)::varchar as effective_cost,
        daily.token_cost::varchar as token_cost,
        daily.tokens::varchar as tokens,
        (daily.token_cost * 1000000 / nullif(daily.tokens, 0))::decimal(38, 6)::varchar as cost_per_million
    from series
    cross join days
    left join daily
        on daily.currency is not distinct from series.currency
        and daily.grain = series.grain
        and daily.dimensions = series.dimensions
        and daily.charge_date = days.charge_date
)
-- One row per series, its days as lists: far fewer rows to hand over than one per series and day.
select
    currency,
    grain,
    dimensions,
    list(charge_date order by charge_date) as dates,
    list(effective_cost order by charge_date) as effective_cost,
    list(token_cost order by charge_date) as token_cost,
    list(tokens order by charge_date) as tokens,
    list(cost_per_million order by charge_date) as cost_per_million
from final
group by currency, grain, dimensions
order by currency, grain desc, dimensions
