-- The one published scope each provisioned throughput reservation is read from, per month (relation `account_costs`:
-- AIAccountCosts with the scope folder each row came from, x_CostScope): of the scopes holding its Unused rows, the
-- one with the most accounts that used it (a billing account's export sees every subscription's use, a subscription's
-- only its own), ties to a scope that is not a subscription, then by name; and those accounts (`users`: 0, nobody used
-- it that month). Its unused hours are shared out (capacity_reservations.sql), or listed as idle
-- (idle_reservations.sql), from that scope alone, so they count once. Reservation ids are lower-cased; a row without
-- a resource id is no account's.
create or replace temp view reservation_scopes as
with

provisioned as (
    select
        strftime(x_ChargeDate, '%Y-%m') as month,
        lower(CommitmentDiscountId::varchar) as CommitmentDiscountId,
        x_CostScope,
        CommitmentDiscountStatus,
        ResourceId,
        coalesce(ResourceId like '%/providers/microsoft.cognitiveservices/accounts/%', false) as is_account,
    from account_costs
    where x_ProcessingTier = 'Provisioned' and CommitmentDiscountId is not null
)

select
    month,
    CommitmentDiscountId,
    x_CostScope,
    count(distinct ResourceId) filter (where is_account and CommitmentDiscountStatus = 'Used') as users,
from provisioned
group by month, CommitmentDiscountId, x_CostScope
having count(*) filter (where not is_account and CommitmentDiscountStatus = 'Unused') > 0
qualify row_number() over (
    partition by month, CommitmentDiscountId
    order by users desc, starts_with(x_CostScope, 'subscriptions/'), x_CostScope
) = 1
