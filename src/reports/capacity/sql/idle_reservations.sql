-- Provisioned throughput reservations no deployment used in month $month (relation `account_costs`: the month's
-- published AIAccountCosts of every scope, with x_CostScope): as AIProvisioned shares out unused hours
-- (capacity_reservations.sql), each reservation is read from one scope, the one holding its Unused rows and, of those,
-- the most accounts that used it (ties: a scope that is not a subscription, then by name); a reservation whose scope
-- shows no account using it is idle. Its cost is in Costs, on no deployment, so AIProvisioned cannot show it: the
-- hours and cost it left unused, per billing currency. Reservation ids are compared lower-cased. Money as exact
-- decimal text.
with

month_rows as (
    select
        lower(CommitmentDiscountId::varchar) as reservation,
        x_CostScope,
        CommitmentDiscountStatus as status,
        coalesce(lower(ResourceId) like '%/providers/microsoft.cognitiveservices/accounts/%', false) as is_account,
        ResourceId,
        BillingCurrency,
        PricingQuantity,
        EffectiveCost,
    from account_costs
    where strftime(x_ChargeDate, '%Y-%m') = $month
        and x_ProcessingTier = 'Provisioned' and CommitmentDiscountId is not null
),

reservation_scope as (
    select reservation, x_CostScope, count(*) filter (where status = 'Used') as used
    from month_rows
    group by reservation, x_CostScope
    having count(*) filter (where status = 'Unused') > 0
    qualify row_number() over (
        partition by reservation
        order by count(distinct ResourceId) filter (where is_account and status = 'Used') desc,
            starts_with(x_CostScope, 'subscriptions/'),
            x_CostScope
    ) = 1
),

idle as (
    select reservation, x_CostScope from reservation_scope where used = 0
),

final as (
    select
        reservation,
        BillingCurrency as currency,
        sum(PricingQuantity)::varchar as unusedHours,
        sum(EffectiveCost)::varchar as unusedCost,
    from month_rows
    join idle using (reservation, x_CostScope)
    where status = 'Unused'
    group by all
)

select * from final
order by reservation, currency
