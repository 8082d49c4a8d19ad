-- Adds Foundry Models token meters to the sample generator's `sample_meters` (sample_meters.sql) for the AI-heavy
-- benchmark input: every token meter of the Azure Retail Prices snapshot ($retail_path, the one the meter table is
-- built from) in East US 2 and Sweden Central that the hub's meter table ($ai_meters_path) classifies, one in
-- $keep_one_in by meter id, each with weight 1, its real name, id, SKU and list price, and token quantities by
-- direction (input, output, cache reads). Costs are quantity × list price, exact, as in real exports. The sample's
-- other meters keep their prices but draw quantities with at most 8 decimals, as real exports write them (a P10 disk
-- day is 0.03225806 of a month, not 0.03225806451612), so no cost has 18 random digits. Run sample_lookups.sql
-- afterwards to redraw the meter slots.
create or replace temp table sample_meters as

with

retail as (
    select * from read_csv($retail_path, header = true, all_varchar = true)
),

classified as (
    select * from read_csv($ai_meters_path, header = true, all_varchar = true)
),

token_meters as (
    select
        retail.*,
        classified.x_TokenDirection as direction,
        classified.x_CacheAction as cache_action,
        rtrim(rtrim(retail.retailPrice::decimal(38, 18)::varchar, '0'), '.') as price,
    from retail
    inner join classified
        on classified.meterId = retail.meterId
        and classified.armRegionName = retail.armRegionName
    where classified.x_IsTokenMeter = 'true'
        and retail.unitOfMeasure in ('1K', '1M')
        and retail.armRegionName in ('eastus2', 'swedencentral')
        and retail.type = 'Consumption'
        and hash(retail.meterId) % $keep_one_in = 0
),

ai_meters as (
    select
        'ai-' || meterId || '-' || armRegionName as meter_key,
        1 as weight,
        serviceName as meter_category,
        productName as meter_subcategory,
        meterName as meter_name,
        meterId as meter_id,
        productName as product,
        skuName as sku_name,
        skuId as sku_id,
        'AI + Machine Learning' as service_family,
        unitOfMeasure as unit_of_measure,
        case unitOfMeasure when '1K' then 1000 else 1000000 end::decimal(38, 18) as pricing_block_size,
        'Units' as pricing_unit,
        replace(price, '.', '')::hugeint as list_units,
        case when contains(price, '.') then length(split_part(price, '.', 2)) else 0 end as list_scale,
        replace(price, '.', '')::hugeint as contracted_units,
        case when contains(price, '.') then length(split_part(price, '.', 2)) else 0 end as contracted_scale,
        null::hugeint as commitment_units,
        0 as commitment_scale,
        armRegionName as region_id,
        case armRegionName when 'eastus2' then 'East US 2' else 'Sweden Central' end as region_name,
        case armRegionName when 'eastus2' then 'US East 2' else 'SE Central' end as sku_region,
        'Azure AI Services' as service_name,
        'AI and Machine Learning' as service_category,
        'AI Platforms' as service_subcategory,
        'PaaS' as service_model,
        'microsoft.cognitiveservices/accounts' as x_resource_type,
        'Azure AI Foundry' as resource_type,
        'rg-ai-' || case armRegionName when 'eastus2' then 'us' else 'eu' end as resource_group,
        'microsoft.cognitiveservices/accounts/' as resource_path,
        'ai-' || lower(regexp_replace(productName, '[^A-Za-z0-9]+', '-', 'g')) as resource_prefix,
        3 as resource_pool,
        0 as quantity_scale,
        case unitOfMeasure when '1K' then 3 else 6 end as pricing_quantity_scale,
        case when cache_action = 'Read' then 10000 when direction = 'Output' then 5000 else 20000 end::bigint
            as quantity_min,
        case when cache_action = 'Read' then 20000000 when direction = 'Output' then 8000000 else 40000000 end::bigint
            as quantity_max,
        'Standard' as pricing_category,
        null::varchar as sku_details,
        null::varchar as sku_price_details,
    from token_meters
),

sample_meters_rounded as (
    select
        * exclude (slot_start) replace (
            least(quantity_scale, 8) as quantity_scale,
            pricing_quantity_scale - quantity_scale + least(quantity_scale, 8) as pricing_quantity_scale,
            quantity_min // (10 ** greatest(quantity_scale - 8, 0))::bigint as quantity_min,
            quantity_max // (10 ** greatest(quantity_scale - 8, 0))::bigint as quantity_max
        ),
    from sample_meters
),

all_meters as (
    select * from sample_meters_rounded
    union all by name
    select * from ai_meters
),

final as (
    select
        * exclude (weight),
        weight,
        (sum(weight) over (order by meter_key) - weight)::bigint as slot_start,
    from all_meters
)

select * from final
