-- Provisioned throughput reservations no deployment used in month $month (relation `account_costs`: the month's
-- published AIAccountCosts of every scope, with x_CostScope): a reservation with Unused rows and no Used row in any
-- scope. Their cost is in Costs, on no deployment, so AIProvisioned cannot show it: the hours and cost each left
-- unused, per billing currency, read from one scope (a billing account's before a subscription's, then by name) so
-- that nothing counts twice. Reservation ids are compared lower-cased. Money as exact decimal text.
with

month_rows as (
    select
        lower(CommitmentDiscountId::varchar) as reservation,
        x_CostScope,
        CommitmentDiscountStatus as status,
        BillingCurrency,
        PricingQuantity,
        EffectiveCost,
    from account_costs
    where strftime(x_ChargeDate, '%Y-%m') = $month
        and x_ProcessingTier = 'Provisioned' and CommitmentDiscountId is not null
),

idle as (
    select reservation,
        arg_min(x_CostScope, (starts_with(x_CostScope, 'subscriptions/'), x_CostScope)) as x_CostScope,
    from month_rows
    group by reservation
    having count(*) filter (where status = 'Used') = 0 and count(*) filter (where status = 'Unused') > 0
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
