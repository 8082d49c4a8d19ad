-- Provisioned cost per day × account × deployment type (relation `capacity_costs`): the account's provisioned-unit
-- rows (hourly meters, pay-as-you-go or covered by a reservation at its amortized EffectiveCost) plus its share of the
-- unused hours of every reservation it used. An unused-reservation row sits on the reservation, not on an account: it
-- is split among the accounts (of any subscription, as the reservation's scope shows them: relation
-- `reservation_costs`, capacity_reservations.sql) whose provisioned rows that reservation covered on that day, by the
-- hours covered, exactly (largest remainder); on a day no account used it, by the month's hours.
-- A reservation no account used all month is not an account's cost and is left out. `billed_hours` is the quantity of
-- the account's hourly provisioned meters (PTU-hours on the bill).
with

provisioned as (
    select * from capacity_costs where x_ProcessingTier = 'Provisioned'
),

account_rows as (
    select
        x_ChargeDate,
        BillingCurrency,
        ResourceId,
        coalesce(x_DeploymentType, 'Provisioned') as deployment_type,
        sum(EffectiveCost) as effective_cost,
        sum(BilledCost) as billed_cost,
        sum(PricingQuantity) filter (where PricingUnit ilike '%hour%') as billed_hours,
    from provisioned
    where is_account and in_subscription
    group by all
),

reservation_use as (
    select
        x_ChargeDate,
        BillingCurrency,
        CommitmentDiscountId,
        ResourceId,
        coalesce(x_DeploymentType, 'Provisioned') as deployment_type,
        round(sum(PricingQuantity) * 1000000)::hugeint as used,
    from reservation_costs
    where is_account and CommitmentDiscountStatus = 'Used'
    group by all
),

unused as (
    select x_ChargeDate, BillingCurrency, CommitmentDiscountId, sum(EffectiveCost) as effective_cost,
        sum(BilledCost) as billed_cost,
    from reservation_costs
    where not is_account and CommitmentDiscountStatus = 'Unused'
    group by all
),

-- who used each unused reservation: that day's users, else the month's
users as (
    select
        unused.*,
        coalesce(day_use.users, month_use.users) as users,
    from unused
    left join (
        select x_ChargeDate, BillingCurrency, CommitmentDiscountId,
            list({'account': ResourceId, 'type': deployment_type, 'used': used} order by ResourceId, deployment_type)
                as users,
        from reservation_use group by all
    ) as day_use using (x_ChargeDate, BillingCurrency, CommitmentDiscountId)
    left join (
        select BillingCurrency, CommitmentDiscountId,
            list({'account': ResourceId, 'type': deployment_type, 'used': used} order by ResourceId, deployment_type)
                as users,
        from (select BillingCurrency, CommitmentDiscountId, ResourceId, deployment_type, sum(used) as used
              from reservation_use group by all)
        group by all
    ) as month_use using (BillingCurrency, CommitmentDiscountId)
),

unused_shares as (
    select
        x_ChargeDate,
        BillingCurrency,
        unnest(list_transform(users, u -> u.account)) as ResourceId,
        unnest(list_transform(users, u -> u.type)) as deployment_type,
        unnest(hub_split(hub_units(effective_cost), list_transform(users, u -> u.used))) as effective_units,
        unnest(hub_split(hub_units(billed_cost), list_transform(users, u -> u.used))) as billed_units,
    from users
    where users is not null
),

final as (
    select
        x_ChargeDate,
        BillingCurrency,
        ResourceId,
        deployment_type,
        sum(effective_cost)::decimal(38, 18) as effective_cost,
        sum(billed_cost)::decimal(38, 18) as billed_cost,
        sum(unused_cost)::decimal(38, 18) as unused_cost,
        sum(billed_hours)::decimal(38, 18) as billed_hours,
    from (
        select x_ChargeDate, BillingCurrency, ResourceId, deployment_type, effective_cost, billed_cost,
            0 as unused_cost, billed_hours,
        from account_rows
        union all
        select x_ChargeDate, BillingCurrency, ResourceId, deployment_type, hub_from_units(effective_units),
            hub_from_units(billed_units), hub_from_units(effective_units), null,
        from unused_shares
        where starts_with(ResourceId, getvariable('capacity_subscription') || '/')
    )
    group by all
)

select * from final
