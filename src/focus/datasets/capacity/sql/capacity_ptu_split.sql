-- The PTU cost of each provisioned deployment per day (relation `account_ptu`: the account's provisioned cost per
-- type; relation `deployment_days`: AIDeployments): split among the account's provisioned deployments of that type by
-- PTU-hours, exactly (largest remainder); a legacy meter naming no type, among all of them. Cost with no deployment to
-- carry it stays whole on a row without deployment (NoTelemetry); a day whose bill counts other PTU-hours than its
-- deployments is flagged PtuHoursMismatch. Amounts in units of 10^-18.
with

provisioned_days as (
    select * from deployment_days where x_IsProvisioned
),

targets as (
    select
        costs.*,
        list(days.x_DeploymentName order by days.x_DeploymentName) filter (where days.x_DeploymentName is not null)
            as deployments,
        list(coalesce(days.x_PtuHours, 0)::hugeint order by days.x_DeploymentName)
            filter (where days.x_DeploymentName is not null) as weights,
        sum(days.x_PtuHours) as deployed_hours,
    from account_ptu as costs
    left join provisioned_days as days
        on days.ResourceId = costs.ResourceId
        and days.x_ChargeDate = costs.x_ChargeDate
        and (costs.deployment_type = 'Provisioned' or days.x_DeploymentType = costs.deployment_type)
    group by all
),

split as (
    select
        *,
        coalesce(list_sum(weights), 0) > 0 as splittable,
    from targets
),

cost_rows as (
    select
        x_ChargeDate, BillingCurrency, ResourceId,
        unnest(deployments) as x_DeploymentName,
        unnest(hub_split(hub_units(effective_cost), weights)) as effective_units,
        unnest(hub_split(hub_units(billed_cost), weights)) as billed_units,
        unnest(hub_split(hub_units(unused_cost), weights)) as unused_units,
        case when billed_hours is not null and deployed_hours is not null and billed_hours <> deployed_hours
            then 'PtuHoursMismatch' end as flags,
        billed_hours,
    from split
    where splittable
    union all
    select
        x_ChargeDate, BillingCurrency, ResourceId, null,
        hub_units(effective_cost), hub_units(billed_cost), hub_units(unused_cost), 'NoTelemetry', billed_hours,
    from split
    where not splittable
),

final as (
    select
        x_ChargeDate, BillingCurrency, ResourceId, x_DeploymentName,
        sum(effective_units) as effective_units,
        sum(billed_units) as billed_units,
        sum(unused_units) as unused_units,
        string_agg(distinct flags, ',') as flags,
    from cost_rows
    group by all
)

select * from final
