-- The provisioned rows that share out each reservation's unused hours (relation `account_costs`, as
-- capacity_costs.sql reads it): per reservation of the month, its Unused rows and the accounts' Used rows of one
-- published scope, so that hours a reservation left unused count once, wherever the subscription's own charges are
-- read from. The scope chosen holds the reservation's Unused rows and, of those, the most accounts that used it (a
-- billing account's export sees every subscription's use, a subscription's export only its own): a reservation bought
-- in one subscription and used in others is shared among all its users, and one bought centrally is not lost to a
-- subscription whose own export lacks its Unused rows. Ties go to a scope that is not a subscription, then by name.
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

reservation_scope as (
    select CommitmentDiscountId, x_CostScope
    from provisioned
    group by CommitmentDiscountId, x_CostScope
    having count(*) filter (where not is_account and CommitmentDiscountStatus = 'Unused') > 0
    qualify row_number() over (
        partition by CommitmentDiscountId
        order by count(distinct ResourceId) filter (where is_account and CommitmentDiscountStatus = 'Used') desc,
            starts_with(x_CostScope, 'subscriptions/'),
            x_CostScope
    ) = 1
),

final as (
    select provisioned.*
    from provisioned
    join reservation_scope using (CommitmentDiscountId, x_CostScope)
)

select * from final
