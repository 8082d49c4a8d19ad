-- CostAllocation: every AI charge of the subscription's accounts for the month split by deployment and consumer,
-- exactly (largest remainder): per account and day the allocated costs add up to the account's charges plus its
-- share of unused reservation hours. Each origin charge (relation `allocation_origins`, cost_allocation_origins.sql)
-- is split among its deployment × consumer items by their tokens (relation `allocation_items`,
-- cost_allocation_items.sql); the tokens no consumer reported, and accounts without consumer metrics, go to the
-- consumer `unallocated`. Columns AllocatedMethodId, AllocatedMethodDetails, AllocatedResourceId,
-- AllocatedResourceName and AllocatedTags follow FOCUS 1.3 (the ratios of an origin add up to exactly 1).
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

lists as (
    select
        origins.*,
        list(items.item_deployment order by items.item_deployment nulls last, items.item_consumer) as deployments,
        list(items.item_consumer order by items.item_deployment nulls last, items.item_consumer) as consumers,
        list(items.item_dimension order by items.item_deployment nulls last, items.item_consumer) as dimensions,
        list(items.weight order by items.item_deployment nulls last, items.item_consumer) as weights,
        bool_and(items.measured) as measured,
    from allocation_origins as origins
    join allocation_items as items using (origin_id)
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
