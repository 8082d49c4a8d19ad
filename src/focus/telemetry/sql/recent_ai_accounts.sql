-- The Cognitive Services / AI Services accounts with charges since $since (relation `recent_account_costs`: published
-- AIAccountCosts), lower-cased, in order.
select distinct ResourceId as account_id
from recent_account_costs
where ResourceId like '/subscriptions/%/providers/microsoft.cognitiveservices/accounts/%'
    and x_ChargeDate >= $since::date
order by account_id
