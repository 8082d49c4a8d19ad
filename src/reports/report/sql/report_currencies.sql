-- Billing currencies of the report month in relation `ai_unit_economics`, the largest AI effective cost first: the
-- report shows amounts in the first and names the others.
select
    BillingCurrency as currency,
    sum(EffectiveCost)::varchar as effective_cost
from ai_unit_economics
where strftime(x_ChargeDate, '%Y-%m') = $month
group by BillingCurrency
order by sum(EffectiveCost) desc, currency
