-- AITokenUsage: tokens per day × account × deployment × model × version × direction, with consumer where known.
-- Metered tokens (relation `metered_tokens`, capacity_metered_tokens.sql) are the totals. On an account with consumer
-- metrics (relation `consumer_tokens`, capacity_consumer_tokens.sql), each metered row is split among the consumers of
-- its deployment, day and direction by their reported tokens, exactly (largest remainder), the rest going to the
-- explicit consumer `unallocated`; when consumers report more than was metered, the metered tokens are split in their
-- proportion and the rows flagged ConsumerTokensExceedMetered. Consumer tokens that cannot be placed are kept,
-- flagged: ConsumerAccountUnknown (no, or more than one, account has a deployment of that name) and NoMeteredTokens
-- (the deployment metered nothing in that direction that day).
with

covered as (
    select distinct ResourceId from consumer_tokens where ResourceId is not null
),

direction_totals as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, sum(tokens) as metered,
    from metered_tokens as metered
    where ResourceId in (select ResourceId from covered)
    group by all
),

consumer_totals as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, sum(reported) as reported,
    from consumer_tokens as consumers
    where ResourceId is not null
    group by all
),

-- every consumer's weight on a deployment, day and direction; what they did not report is `unallocated`
weights as (
    select x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection, x_Consumer, reported as weight
    from consumer_tokens as consumers
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
    from metered_tokens as metered
    join weight_lists as lists using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
    left join exceeded using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
),

rows as (
    -- accounts without consumer metrics: metered totals, consumer unknown
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion, x_TokenDirection,
        null::varchar as x_Consumer, tokens, cached, null::varchar as flags,
    from metered_tokens as metered
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
    from consumer_tokens as consumers
    left join direction_totals as totals using (x_ChargeDate, ResourceId, x_DeploymentName, x_TokenDirection)
    left join deployment_days as inventory using (x_ChargeDate, ResourceId, x_DeploymentName)
    where consumers.ResourceId is not null and consumers.reported > 0 and coalesce(totals.metered, 0) = 0
    union all
    -- consumer tokens that no single account's deployment matches
    select
        x_ChargeDate, null, x_DeploymentName, null, null, x_TokenDirection, x_Consumer, reported, 0,
        'ConsumerAccountUnknown',
    from consumer_tokens as consumers
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
    cross join (select any_value(x_ConsumerDimension) as x_ConsumerDimension from consumer_tokens) as dimension
    where rows.tokens <> 0 or rows.cached <> 0
)

select * from final
