-- The pay-as-you-go price per token of every Standard-tier inference token meter of the retail snapshot
-- ($prices_path, $meters_path: src/focus/data/ai-meter-retail-prices.csv and ai-meters.csv), created once per DuckDB
-- instance (after the hub's macros): per region, model, version (null for family meters), direction, cache action and
-- deployment type, the lowest current retail price ÷ the meter's tokens per priced unit. Several meters can fit one
-- key (context lengths, modalities): the lowest keeps the pay-as-you-go equivalent from overstating what a PTU saves.
create table if not exists capacity_retail_prices as
with

prices as (
    select
        lower(meterId) as meter_id,
        lower(armRegionName) as region,
        retailPrice::decimal(38, 18) as retail_price,
        effectiveStartDate,
    from read_csv($prices_path, header = true, all_varchar = true)
    where type = 'Consumption'
    qualify row_number() over (partition by meterId, armRegionName order by effectiveStartDate desc) = 1
),

meters as (
    select
        lower(meterId) as meter_id,
        lower(armRegionName) as region,
        lower(x_ModelId) as model,
        x_ModelVersion as model_version,
        x_TokenDirection as direction,
        x_CacheAction as cache_action,
        x_DeploymentType as deployment_type,
        x_TokenBlockSize::decimal(38, 18) as block_size,
    from read_csv($meters_path, header = true, all_varchar = true)
    where x_IsTokenMeter = 'true' and x_ProcessingTier = 'Standard' and x_AIWorkload = 'Inference'
        and x_ModelId is not null and x_ModelId <> 'unknown' and x_TokenDirection is not null
),

final as (
    select
        meters.region,
        meters.model,
        meters.model_version,
        meters.direction,
        case when meters.direction = 'Input' then coalesce(meters.cache_action, 'Uncached') end as cache_action,
        meters.deployment_type,
        min(hub_divide(prices.retail_price, meters.block_size)) as price_per_token,
    from meters
    join prices using (meter_id, region)
    where meters.block_size > 0
    group by all
)

select * from final;
