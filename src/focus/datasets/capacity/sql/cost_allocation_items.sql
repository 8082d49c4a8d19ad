-- What each origin (relation `allocation_origins`) is split by: deployment × consumer items with their tokens (relation
-- `token_usage`), at the best match level an origin has — for token-billed charges the model and direction on the
-- account's deployments of the same type and tier, else on any deployment; with nothing to split by, the whole origin
-- goes to `unallocated` (on its deployment, when it has one).
with

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
    from allocation_origins as origins
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

final as (
    select origin_id, item_deployment, item_consumer, any_value(item_dimension) as item_dimension,
        sum(weight) as weight, true as measured,
    from best
    group by all
    union all
    -- nothing to split by: the whole origin is unallocated (on its deployment, when it has one)
    select origin_id, x_DeploymentName, 'unallocated', null, 1, false,
    from allocation_origins as origins
    where origin_id not in (select origin_id from best)
)

select * from final
