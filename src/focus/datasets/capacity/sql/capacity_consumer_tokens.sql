-- Consumer tokens per day × account × deployment × direction × consumer, from the Consumer records of
-- `telemetry_records` ("Prompt Tokens" → Input, "Completion Tokens" → Output; an empty consumer is `unallocated`),
-- matched to the account that has a deployment of that name (relations `deployment_days`, `metered_tokens`); no
-- account when none or more than one has. Whole tokens.
with

deployment_accounts as (
    select lower(x_DeploymentName) as deployment_key, list(distinct ResourceId) as accounts,
    from (
        select ResourceId, x_DeploymentName from deployment_days
        union
        select ResourceId, x_DeploymentName from metered_tokens
    )
    group by all
),

consumer_points as (
    select
        timezone('UTC', x_Timestamp)::date as x_ChargeDate,
        x_DeploymentName,
        case lower(x_MetricName) when 'prompt tokens' then 'Input' when 'completion tokens' then 'Output' end
            as x_TokenDirection,
        coalesce(x_Consumer, 'unallocated') as x_Consumer,
        x_ConsumerDimension,
        x_Value,
    from telemetry_records
    where x_RecordType = 'Consumer'
),


final as (
    select
        points.x_ChargeDate,
        case when len(deployment_accounts.accounts) = 1 then deployment_accounts.accounts[1] end as ResourceId,
        points.x_DeploymentName,
        points.x_TokenDirection,
        points.x_Consumer,
        any_value(points.x_ConsumerDimension) as x_ConsumerDimension,
        round(sum(points.x_Value))::hugeint as reported,
    from consumer_points as points
    left join deployment_accounts on deployment_accounts.deployment_key = lower(points.x_DeploymentName)
    where points.x_TokenDirection is not null
        and points.x_ChargeDate in (select x_ChargeDate from capacity_days)
    group by all
)

select * from final
