-- AITokenUsage: tokens per day × account × deployment × model × version × direction, with consumer where known.
-- Metered tokens (relation `hourly`; model and version from the day's inventory, relation `deployment_days`, where the
-- metric has no ModelName dimension) are the totals. On an account with consumer metrics (the Consumer records of
-- `telemetry_records`: "Prompt Tokens" → Input, "Completion Tokens" → Output, matched to the account by deployment
-- name), each metered row is split among the consumers of its deployment, day and direction by their reported tokens,
-- exactly (largest remainder), the rest going to the explicit consumer `unallocated`; when consumers report more than
-- was metered, the metered tokens are split in their proportion and the rows flagged ConsumerTokensExceedMetered.
-- Consumer tokens that cannot be placed are kept, flagged: ConsumerAccountUnknown (no, or more than one, account has a
-- deployment of that name) and NoMeteredTokens (the deployment metered nothing in that direction that day).
with

metered_hours as (
    select
        hourly.x_ChargeDate,
        hourly.ResourceId,
        hourly.x_DeploymentName,
        coalesce(hourly.x_ModelName, inventory.x_ModelName) as x_ModelName,
        coalesce(hourly.x_ModelVersion, inventory.x_ModelVersion) as x_ModelVersion,
        hourly.input_tokens,
        hourly.output_tokens,
        case when hourly.total_tokens is not null and hourly.active_tokens is not null
            then least(greatest(hourly.total_tokens - hourly.active_tokens, 0), coalesce(hourly.input_tokens, 0))
        end as cached_tokens,
    from hourly
    left join deployment_days as inventory using (x_ChargeDate, ResourceId, x_DeploymentName)
    where hourly.x_ChargeDate in (select x_ChargeDate from capacity_days)
),

metered as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion,
        'Input' as x_TokenDirection,
        round(sum(input_tokens))::hugeint as tokens,
        round(coalesce(sum(cached_tokens), 0))::hugeint as cached,
    from metered_hours
    group by all
    having sum(input_tokens) is not null
    union all
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion,
        'Output' as x_TokenDirection,
        round(sum(output_tokens))::hugeint as tokens,
        0::hugeint as cached,
    from metered_hours
    group by all
    having sum(output_tokens) is not null
),

deployment_accounts as (
    select lower(x_DeploymentName) as deployment_key, list(distinct ResourceId) as accounts,
    from (
        select ResourceId, x_DeploymentName from deployment_days
        union
        select ResourceId, x_DeploymentName from metered
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

consumers as (
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
),

covered as (
    select distinct ResourceId from consumers where ResourceId is not null
),

direction_totals as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, sum(tokens) as metered,
    from metered
    where ResourceId in (select ResourceId from covered)
    group by all
),

consumer_totals as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, sum(reported) as reported,
    from consumers
    where ResourceId is not null
    group by all
),

-- every consumer's weight on a deployment, day and direction; what they did not report is `unallocated`
weights as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, x_Consumer, reported as weight
    from consumers
    where ResourceId is not null
    union all
    select
        totals.x_ChargeDate, totals.ResourceId, totals.x_DeploymentName, totals.x_TokenDirection, 'unallocated',
        greatest(totals.metered - coalesce(reported.reported, 0), 0),
    from direction_totals as totals
    left join consumer_totals as reported using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
),

weight_lists as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection,
        list(x_Consumer order by x_Consumer) as consumer_keys,
        list(weight order by x_Consumer) as consumer_weights,
    from (
        select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, x_Consumer, sum(weight) as weight
        from weights
        group by all
    )
    group by all
),

exceeded as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection
    from direction_totals
    join consumer_totals using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
    where consumer_totals.reported > direction_totals.metered and direction_totals.metered > 0
),

split as (
    select
        metered.*,
        lists.consumer_keys,
        hub_split(metered.tokens, lists.consumer_weights) as token_parts,
        hub_split(metered.cached, lists.consumer_weights) as cached_parts,
        exceeded.ResourceId is not null as exceeds,
    from metered
    join weight_lists as lists using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
    left join exceeded using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
),

rows as (
    -- accounts without consumer metrics: metered totals, consumer unknown
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion, x_TokenDirection,
        null::varchar as x_Consumer, tokens, cached, null::varchar as flags,
    from metered
    where ResourceId not in (select ResourceId from covered)
    union all
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion, x_TokenDirection,
        unnest(consumer_keys) as x_Consumer,
        unnest(coalesce(token_parts, list_transform(consumer_keys, k -> 0::hugeint))) as tokens,
        unnest(coalesce(cached_parts, list_transform(consumer_keys, k -> 0::hugeint))) as cached,
        case when exceeds then 'ConsumerTokensExceedMetered' end as flags,
    from split
    union all
    -- consumer tokens on a deployment that metered nothing in that direction that day
    select
        consumers.x_ChargeDate, consumers.ResourceId, consumers.x_DeploymentName,
        inventory.x_ModelName, inventory.x_ModelVersion, consumers.x_TokenDirection, consumers.x_Consumer,
        consumers.reported, 0, 'NoMeteredTokens',
    from consumers
    left join direction_totals as totals using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
    left join deployment_days as inventory using (x_ChargeDate, ResourceId, x_DeploymentName)
    where consumers.ResourceId is not null and consumers.reported > 0 and coalesce(totals.metered, 0) = 0
    union all
    -- consumer tokens that no single account's deployment matches
    select
        x_ChargeDate, null, x_DeploymentName, null, null, x_TokenDirection, x_Consumer, reported, 0,
        'ConsumerAccountUnknown',
    from consumers
    where ResourceId is null and reported > 0
),

final as (
    select
        rows.x_ChargeDate,
        getvariable('capacity_subscription') as SubAccountId,
        rows.ResourceId,
        regexp_extract(rows.ResourceId, '/accounts/([^/]+)$', 1) as ResourceName,
        rows.x_DeploymentName,
        inventory.x_DeploymentType,
        inventory.x_ProcessingTier,
        rows.x_ModelName,
        rows.x_ModelVersion,
        rows.x_TokenDirection,
        rows.x_Consumer,
        case when rows.x_Consumer is not null then dimension.x_ConsumerDimension end as x_ConsumerDimension,
        rows.tokens::decimal(38, 6) as x_TokenCount,
        case when rows.x_TokenDirection = 'Input' then rows.cached end::decimal(38, 6) as x_CachedTokenCount,
        rows.flags as x_Flags,
        getvariable('capacity_run') as x_SourceRunId,
    from rows
    left join deployment_days as inventory using (x_ChargeDate, ResourceId, x_DeploymentName)
    cross join (select any_value(x_ConsumerDimension) as x_ConsumerDimension from consumers) as dimension
    where rows.tokens <> 0 or rows.cached <> 0
)

select * from final
