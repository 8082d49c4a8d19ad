-- Row count and exact BilledCost / EffectiveCost totals of one sample export run, as decimal text, so what the hub
-- reads back can be reconciled against what was written. Binds the same values as one part, over all rows.
with

run_rows as (
    select BilledCost, EffectiveCost
    from sample_rows(
        $seed, 0, $rows, $month_start, $days, $subscription_id, $billing_account_id, $billing_account_name
    )
),

final as (
    select
        count(*) as row_count,
        coalesce(sum(BilledCost), 0)::decimal(38, 18)::varchar as billed_cost,
        coalesce(sum(EffectiveCost), 0)::decimal(38, 18)::varchar as effective_cost,
    from run_rows
)

select * from final
