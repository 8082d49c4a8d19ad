-- Daily AI effective cost by model in billing currency $currency from the first to the last charge day between
-- $from and $through, from relation `ai_unit_economics`: the $top models with the most cost in report month $month, then the
-- rest as one series, 'Other models'. A day without cost is 0.
with ai_rows as (
    select * from ai_unit_economics
    where BillingCurrency = $currency and x_ChargeDate between $from::date and $through::date
),
ranked as (
    select
        x_ModelId,
        row_number() over (
            order by coalesce(sum(EffectiveCost) filter (where strftime(x_ChargeDate, '%Y-%m') = $month), 0) desc,
                sum(EffectiveCost) desc, x_ModelId
        ) as model_rank
    from ai_rows
    group by x_ModelId
),
labelled as (
    select
        ai_rows.x_ChargeDate as charge_date,
        case when ranked.model_rank <= $top then ranked.x_ModelId else 'Other models' end as model,
        least(ranked.model_rank, $top + 1) as model_rank,
        ai_rows.EffectiveCost
    from ai_rows
    join ranked using (x_ModelId)
),
series as (
    select model, min(model_rank) as model_rank from labelled group by model
),
days as (
    select unnest(range(
        (select min(charge_date) from labelled), (select max(charge_date) from labelled) + 1, interval 1 day
    ))::date as charge_date
),
final as (
    select
        series.model_rank,
        series.model,
        strftime(days.charge_date, '%Y-%m-%d') as charge_date,
        coalesce(sum(labelled.EffectiveCost), 0)::varchar as effective_cost
    from series
    cross join days
    left join labelled on labelled.model = series.model and labelled.charge_date = days.charge_date
    group by series.model_rank, series.model, days.charge_date
)
select * from final
order by model_rank, charge_date
