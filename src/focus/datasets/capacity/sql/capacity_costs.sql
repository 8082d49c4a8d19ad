-- The bill of the subscription's AI accounts for the month (relation `account_costs`: the published AIAccountCosts
-- of the month, each row with the scope folder it came from, x_CostScope). When several published scopes hold the
-- subscription's charges (a subscription export beside its billing account's), one is read so nothing counts twice:
-- the subscription's own scope if published, else the first scope by name. Unused reservation hours are read per
-- reservation instead (capacity_reservations.sql). Account ids are compared lower-cased.
with

month_rows as (
    select * from account_costs
    where strftime(x_ChargeDate, '%Y-%m') = getvariable('capacity_month')
),

chosen_scope as (
    select x_CostScope
    from month_rows
    where starts_with(ResourceId, getvariable('capacity_subscription') || '/')
    group by x_CostScope
    order by (x_CostScope = getvariable('capacity_scope')) desc, x_CostScope
    limit 1
),

final as (
    select
        *,
        ResourceId like '%/providers/microsoft.cognitiveservices/accounts/%' as is_account,
        starts_with(ResourceId, getvariable('capacity_subscription') || '/') as in_subscription,
    from month_rows
    where x_CostScope = (select x_CostScope from chosen_scope)
)

select * from final
