-- The retail price per token, by direction, of each provisioned deployment-day's model (relation `deployment_days`)
-- from `capacity_retail_prices`: Standard-tier inference meters of the model, version and deployment type, the
-- account's region first, then eastus2, then any; a versioned price before the family's.
with

candidates as (
    select
        days.x_ChargeDate, days.ResourceId, days.x_DeploymentName,
        prices.direction, prices.cache_action, prices.price_per_token,
        (case when prices.region = lower(days.RegionId) then 0 when prices.region = 'eastus2' then 1 else 2 end)
            * 2 + case when prices.model_version = days.x_ModelVersion then 0 else 1 end as price_rank,
    from deployment_days as days
    join capacity_retail_prices as prices
        on prices.model = lower(days.x_ModelName)
        and prices.deployment_type = days.x_DeploymentType
        and (prices.model_version = days.x_ModelVersion or prices.model_version is null)
    where days.x_IsProvisioned
),

final as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName,
        min(price_per_token) filter (where direction = 'Input' and cache_action = 'Uncached' and rank_in = 1)
            as input_price,
        min(price_per_token) filter (where direction = 'Input' and cache_action = 'Read' and rank_cached = 1)
            as cached_price,
        min(price_per_token) filter (where direction = 'Output' and rank_out = 1) as output_price,
    from (
        select
            *,
            price_rank = min(price_rank) filter (where direction = 'Input' and cache_action = 'Uncached')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_in,
            price_rank = min(price_rank) filter (where direction = 'Input' and cache_action = 'Read')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_cached,
            price_rank = min(price_rank) filter (where direction = 'Output')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_out,
        from candidates
    )
    group by all
)

select * from final
