-- The AIUnitEconomics rows (relation `ai_unit_economics_published`) of the accounts and months CostAllocation
-- (relation `cost_allocation`) does not cover: there, CostAllocation's rows carry the same tokens and cost, split by
-- deployment and consumer, with the provisioned ones besides.
select economics.*
from ai_unit_economics_published as economics
where not exists (
    select 1 from cost_allocation as allocated
    where lower(allocated.ResourceId) = lower(economics.ResourceId)
        and strftime(allocated.x_ChargeDate, '%Y-%m') = strftime(economics.x_ChargeDate, '%Y-%m')
)
