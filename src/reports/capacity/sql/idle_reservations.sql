-- Provisioned throughput reservations no deployment used in month $month (relation `account_costs`: the month's
-- published AIAccountCosts of every scope, with x_CostScope): a reservation whose scope (reservation_scopes.sql, the
-- one AIProvisioned shares its unused hours out from) shows no account using it. Its cost is in Costs, on no
-- deployment, so AIProvisioned cannot show it: the hours and cost it left unused, per billing currency. Money as exact
-- decimal text.
select
    scopes.CommitmentDiscountId as reservation,
    costs.BillingCurrency as currency,
    sum(costs.PricingQuantity)::varchar as unusedHours,
    sum(costs.EffectiveCost)::varchar as unusedCost,
from account_costs as costs
join reservation_scopes as scopes
    on scopes.CommitmentDiscountId = lower(costs.CommitmentDiscountId::varchar)
    and scopes.x_CostScope = costs.x_CostScope
    and scopes.month = strftime(costs.x_ChargeDate, '%Y-%m')
where scopes.month = $month and scopes.users = 0
    and costs.x_ProcessingTier = 'Provisioned' and costs.CommitmentDiscountStatus = 'Unused'
group by all
order by reservation, currency
