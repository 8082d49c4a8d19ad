-- The origin charges CostAllocation splits, each with an id (relations `capacity_costs`, `provisioned_rows`):
--   TokenBilled  token meter rows per model, version, direction, cache, deployment type and tier;
--   Other        the account's other charges (hosting, images, meters without tokens);
--   Provisioned  each provisioned deployment's cost by direction, as AIProvisioned splits it (its billed cost in
--                proportion to the effective split, by tokens where that is zero).
with

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

final as (
    select row_number() over () as origin_id, *
    from (
        select * from token_origins
        union all select * from other_origins
        union all select * from provisioned_origins
    )
    where effective_cost <> 0 or billed_cost <> 0 or tokens <> 0
)

select * from final
