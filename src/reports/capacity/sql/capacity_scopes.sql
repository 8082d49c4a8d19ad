-- The subscription scopes (`subscriptions/<id>`) whose AI costs view `ai_unit_economics` holds for month $month: the
-- telemetry scopes a billing-scope report covers.
select distinct lower(ltrim(SubAccountId, '/')) as scope
from ai_unit_economics
where strftime(x_ChargeDate, '%Y-%m') = $month and SubAccountId like '/subscriptions/%'
order by scope
