-- The days of the month the telemetry run describes: from the 1st to the day before its inventory was pulled
-- (getvariable('capacity_snapshot'): a daily pull shortly after midnight describes the day that just ended), at most
-- the month's last day.
with

bounds as (
    select
        strptime(getvariable('capacity_month') || '-01', '%Y-%m-%d')::date as first_day,
        (strptime(getvariable('capacity_month') || '-01', '%Y-%m-%d')::date + interval 1 month - interval 1 day)::date
            as last_day,
        timezone('UTC', getvariable('capacity_snapshot')::timestamptz)::date - 1 as covered_through,
),

final as (
    select unnest(generate_series(first_day, least(last_day, covered_through), interval 1 day))::date as x_ChargeDate
    from bounds
    where covered_through >= first_day
)

select * from final
