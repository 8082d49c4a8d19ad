-- CostAllocation: every AI charge of the subscription's accounts for the month split by deployment and consumer,
-- exactly (largest remainder): per account and day the allocated costs add up to the account's charges plus its
-- share of unused reservation hours (relation `account_ptu`). Origins and their basis:
--   TokenBilled  token meter rows (relation `capacity_costs`) per model, version, direction, cache, deployment type,
--                tier: split by the tokens of that model and direction on the account's deployments of that type and
--                tier (relation `token_usage`; cache-read rows by cached tokens), each deployment's part by consumer;
--                with no such deployment, by the model and direction on any deployment; with none, unallocated.
--   Provisioned  each provisioned deployment's cost (relation `provisioned_rows`) by direction (as AIProvisioned
--                splits it): by the consumers' tokens of that direction on the deployment.
--   Other        the account's other charges (hosting, images, meters without tokens): by all its tokens that day.
-- Tokens no consumer reported, and accounts without consumer metrics, go to the consumer `unallocated`. Columns
-- AllocatedMethodId, AllocatedMethodDetails, AllocatedResourceId, AllocatedResourceName and AllocatedTags follow
-- FOCUS 1.3 (the ratios of an origin add up to exactly 1).
with

account_tags as (
    select
        ResourceId,
        any_value(SubAccountName) as SubAccountName,
        any_value(x_TagCostCenter) as x_TagCostCenter,
        any_value(x_TagEnvironment) as x_TagEnvironment,
        any_value(x_TagApplication) as x_TagApplication,
    from capacity_costs
    where is_account and in_subscription
    group by all
),

token_origins as (
    select
        'TokenBilled' as x_OriginKind,
        x_ChargeDate, BillingCurrency, ResourceId, x_ModelId, x_ModelVersion, x_TokenDirection, x_CacheAction,
        x_DeploymentType, x_ProcessingTier, x_AIWorkload, null::varchar as x_DeploymentName,
        sum(EffectiveCost) as effective_cost,
        sum(BilledCost) as billed_cost,
        sum(x_TokenCount) as tokens,
    from capacity_costs
    where is_account and in_subscription and coalesce(x_ProcessingTier, '') <> 'Provisioned'
        and x_TokenCount is not null and x_TokenDirection is not null
    group by all
),

other_origins as (
    select
        'Other' as x_OriginKind,
        x_ChargeDate, BillingCurrency, ResourceId, x_ModelId, x_ModelVersion, x_TokenDirection, x_CacheAction,
        x_DeploymentType, x_ProcessingTier, x_AIWorkload, null::varchar as x_DeploymentName,
        sum(EffectiveCost) as effective_cost,
        sum(BilledCost) as billed_cost,
        sum(x_TokenCount) as tokens,
    from capacity_costs
    where is_account and in_subscription and coalesce(x_ProcessingTier, '') <> 'Provisioned'
        and (x_TokenCount is null or x_TokenDirection is null)
    group by all
),

-- a provisioned deployment's day, by direction; its billed cost in proportion to the effective split
provisioned_directions as (
    select
        *,
        case when x_InputEffectiveCost is null then null else hub_split(
            hub_units(BilledCost),
            case when EffectiveCost <> 0
                then list_transform(
                    [x_InputEffectiveCost, x_CachedInputEffectiveCost, x_OutputEffectiveCost],
                    c -> round(abs(c) * 1000000)::hugeint
                )
                else [x_InputTokens::hugeint, x_CachedInputTokens::hugeint, x_OutputTokens::hugeint]
            end
        ) end as billed_parts,
    from provisioned_rows
    where EffectiveCost is not null
),

provisioned_origins as (
    select
        'Provisioned' as x_OriginKind,
        x_ChargeDate, BillingCurrency, ResourceId, x_ModelName as x_ModelId, x_ModelVersion,
        unnest(['Input', 'Input', 'Output']) as x_TokenDirection,
        unnest(['Uncached', 'Read', null]) as x_CacheAction,
        x_DeploymentType, 'Provisioned' as x_ProcessingTier, 'Inference' as x_AIWorkload, x_DeploymentName,
        unnest([x_InputEffectiveCost, x_CachedInputEffectiveCost, x_OutputEffectiveCost]) as effective_cost,
        unnest(list_transform(coalesce(billed_parts, [0, 0, 0]::hugeint[]), p -> hub_from_units(p))) as billed_cost,
        unnest([x_InputTokens, x_CachedInputTokens, x_OutputTokens]) as tokens,
    from provisioned_directions
    where x_InputEffectiveCost is not null
    union all
    select
        'Provisioned', x_ChargeDate, BillingCurrency, ResourceId, x_ModelName, x_ModelVersion, null, null,
        x_DeploymentType, 'Provisioned', 'Inference', x_DeploymentName, EffectiveCost, BilledCost, x_TokenCount,
    from provisioned_directions
    where x_InputEffectiveCost is null
),

origins as (
    select row_number() over () as origin_id, *
    from (
        select * from token_origins
        union all select * from other_origins
        union all select * from provisioned_origins
    )
    where effective_cost <> 0 or billed_cost <> 0 or tokens <> 0
),

usage as (
    select
        token_usage.*,
        coalesce(token_usage.x_Consumer, 'unallocated') as consumer,
    from token_usage
    where ResourceId is not null and coalesce(x_Flags, '') not like '%NoMeteredTokens%'
),

-- candidate basis items of each origin, at the best match level it has
basis as (
    select
        origins.origin_id,
        usage.x_DeploymentName as item_deployment,
        usage.consumer as item_consumer,
        any_value(usage.x_ConsumerDimension) as item_dimension,
        case
            when origins.x_OriginKind = 'Other' then 1
            when origins.x_OriginKind = 'Provisioned' then 1
            when usage.x_DeploymentType = origins.x_DeploymentType
                and coalesce(usage.x_ProcessingTier, '') = coalesce(origins.x_ProcessingTier, '')
                and (origins.x_ModelVersion is null or usage.x_ModelVersion is null
                    or usage.x_ModelVersion = origins.x_ModelVersion)
                then 1
            else 2
        end as match_level,
        sum(case
            when origins.x_OriginKind = 'Other' then usage.x_TokenCount
            when origins.x_CacheAction = 'Read' then usage.x_CachedTokenCount
            when origins.x_OriginKind = 'Provisioned' and origins.x_CacheAction = 'Uncached'
                then usage.x_TokenCount - coalesce(usage.x_CachedTokenCount, 0)
            else usage.x_TokenCount
        end) as weight,
    from origins
    join usage
        on usage.x_ChargeDate = origins.x_ChargeDate
        and usage.ResourceId = origins.ResourceId
        and (
            origins.x_OriginKind = 'Other'
            or (origins.x_OriginKind = 'Provisioned' and usage.x_DeploymentName = origins.x_DeploymentName
                and (origins.x_TokenDirection is null or usage.x_TokenDirection = origins.x_TokenDirection))
            or (origins.x_OriginKind = 'TokenBilled' and usage.x_TokenDirection = origins.x_TokenDirection
                and lower(usage.x_ModelName) = lower(origins.x_ModelId))
        )
    group by all
),

best as (
    select *
    from basis
    where weight > 0
    qualify match_level = min(match_level) over (partition by origin_id)
),

items as (
    select origin_id, item_deployment, item_consumer, any_value(item_dimension) as item_dimension,
        sum(weight) as weight, true as measured,
    from best
    group by all
    union all
    -- nothing to split by: the whole origin is unallocated (on its deployment, when it has one)
    select origin_id, x_DeploymentName, 'unallocated', null, 1, false,
    from origins
    where origin_id not in (select origin_id from best)
),

lists as (
    select
        origins.*,
        list(items.item_deployment order by items.item_deployment nulls last, items.item_consumer) as deployments,
        list(items.item_consumer order by items.item_deployment nulls last, items.item_consumer) as consumers,
        list(items.item_dimension order by items.item_deployment nulls last, items.item_consumer) as dimensions,
        list(items.weight order by items.item_deployment nulls last, items.item_consumer) as weights,
        bool_and(items.measured) as measured,
    from origins
    join items using (origin_id)
    group by all
),

split as (
    select
        *,
        list_transform(weights, w -> round(w)::hugeint) as units,
    from lists
),

allocated as (
    select
        * exclude (deployments, consumers, dimensions, weights, units),
        unnest(deployments) as x_DeploymentName_,
        unnest(consumers) as x_Consumer,
        unnest(dimensions) as x_ConsumerDimension,
        unnest(weights) as basis_tokens,
        unnest(hub_split(hub_units(effective_cost), units)) as effective_units,
        unnest(hub_split(hub_units(billed_cost), units)) as billed_units,
        unnest(hub_split(round(coalesce(tokens, 0) * 1000000)::hugeint, units)) as token_micros,
        unnest(hub_split(1000000000000::hugeint, units)) as ratio_units,
    from split
),

final as (
    select
        allocated.x_ChargeDate,
        allocated.BillingCurrency,
        getvariable('capacity_subscription') as SubAccountId,
        tags.SubAccountName,
        allocated.ResourceId,
        regexp_extract(allocated.ResourceId, '/accounts/([^/]+)$', 1) as ResourceName,
        allocated.x_OriginKind,
        allocated.x_ModelId,
        allocated.x_ModelVersion,
        allocated.x_TokenDirection,
        allocated.x_CacheAction,
        allocated.x_DeploymentType,
        allocated.x_ProcessingTier,
        allocated.x_AIWorkload,
        allocated.x_DeploymentName_ as x_DeploymentName,
        allocated.x_Consumer,
        allocated.x_ConsumerDimension,
        tags.x_TagCostCenter,
        tags.x_TagEnvironment,
        tags.x_TagApplication,
        hub_from_units(allocated.effective_units) as EffectiveCost,
        hub_from_units(allocated.billed_units) as BilledCost,
        case when allocated.tokens is not null
            then (allocated.token_micros::decimal(38, 0) * 0.000001)::decimal(38, 6) end as x_TokenCount,
        allocated.effective_cost::decimal(38, 18) as x_OriginEffectiveCost,
        allocated.billed_cost::decimal(38, 18) as x_OriginBilledCost,
        'finops-hub/' || case allocated.x_OriginKind
            when 'TokenBilled' then 'ai-token-share'
            when 'Provisioned' then 'ai-provisioned-token-share'
            else 'ai-account-token-share'
        end || '/1' as AllocatedMethodId,
        json_object(
            'Elements', [json_object(
                'AllocatedRatio', (allocated.ratio_units::decimal(38, 0) * 0.000000000001)::decimal(38, 12)::double,
                'UsageUnit', 'Tokens',
                'UsageQuantity', case when allocated.measured then allocated.basis_tokens::double end
            )],
            'x_OriginKind', allocated.x_OriginKind,
            'x_OriginEffectiveCost', allocated.effective_cost::varchar
        )::varchar as AllocatedMethodDetails,
        case
            when allocated.x_DeploymentName_ is null then null
            else allocated.ResourceId || '/deployments/' || allocated.x_DeploymentName_
                || case when allocated.x_Consumer <> 'unallocated'
                    then '/consumers/' || coalesce(allocated.x_ConsumerDimension, 'consumer') || '=' || allocated.x_Consumer
                    else '' end
        end as AllocatedResourceId,
        case when allocated.x_Consumer <> 'unallocated' then allocated.x_Consumer else allocated.x_DeploymentName_ end
            as AllocatedResourceName,
        json_object(
            'finops-hub/deployment', allocated.x_DeploymentName_,
            'finops-hub/consumer', allocated.x_Consumer,
            'finops-hub/consumer-dimension', allocated.x_ConsumerDimension
        )::varchar as AllocatedTags,
        case when not allocated.measured then 'NoTokenBasis' end as x_Flags,
        getvariable('capacity_run') as x_SourceRunId,
    from allocated
    left join account_tags as tags using (ResourceId)
)

select * from final
