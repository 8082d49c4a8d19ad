-- The provisioned rows that share out each reservation's unused hours (relation `account_costs`, as
-- capacity_costs.sql reads it): per reservation of the month, its Unused rows and the accounts' Used rows of the one
-- scope reservation_scopes.sql chooses, so that hours a reservation left unused count once, wherever the
-- subscription's own charges are read from: a reservation bought in one subscription and used in others is shared
-- among all its users, and one bought centrally is not lost to a subscription whose own export lacks its Unused rows.
-- Reservation and account ids are compared lower-cased; a row without a resource id is no account's.
with

provisioned as (
    select
        * replace (lower(CommitmentDiscountId::varchar) as CommitmentDiscountId),
        coalesce(ResourceId like '%/providers/microsoft.cognitiveservices/accounts/%', false) as is_account,
    from account_costs
    where strftime(x_ChargeDate, '%Y-%m') = getvariable('capacity_month')
        and x_ProcessingTier = 'Provisioned' and CommitmentDiscountId is not null
),

final as (
    select provisioned.*
    from provisioned
    join reservation_scopes as scopes using (CommitmentDiscountId, x_CostScope)
    where scopes.month = getvariable('capacity_month')
)

select * from final
