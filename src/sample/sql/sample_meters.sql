-- Loads data/sample-meters.csv into `sample_meters`: one row per meter the sample generator draws from, with prices
-- split into exact integers and decimal scales so that every cost is an exact product. Binds $meters_path.
create or replace temp table sample_meters as

with

source as (
    select * from read_csv($meters_path, header = true, all_varchar = true)
),

prices as (
    select
        *,
        -- decimal places of a price written as plain decimal text
        case when contains(list_price, '.') then length(split_part(list_price, '.', 2)) else 0 end as list_scale,
        case when contains(contracted_price, '.') then length(split_part(contracted_price, '.', 2)) else 0 end
            as contracted_scale,
        case when contains(commitment_price, '.') then length(split_part(commitment_price, '.', 2)) else 0 end
            as commitment_scale,
    from source
),

final as (
    select
        meter_key,
        weight::integer as weight,
        (sum(weight::integer) over (order by meter_key) - weight::integer)::bigint as slot_start,
        meter_category,
        meter_subcategory,
        meter_name,
        meter_id,
        product,
        sku_name,
        sku_id,
        service_family,
        unit_of_measure,
        pricing_block_size::decimal(38, 18) as pricing_block_size,
        pricing_unit,
        replace(list_price, '.', '')::hugeint as list_units,
        list_scale,
        replace(contracted_price, '.', '')::hugeint as contracted_units,
        contracted_scale,
        replace(commitment_price, '.', '')::hugeint as commitment_units,
        commitment_scale,
        region_id,
        region_name,
        sku_region,
        service_name,
        service_category,
        service_subcategory,
        service_model,
        x_resource_type,
        resource_type,
        resource_group,
        resource_path,
        resource_prefix,
        resource_pool::integer as resource_pool,
        quantity_scale::integer as quantity_scale,
        -- PricingQuantity = ConsumedQuantity / x_PricingBlockSize, so its scale grows by log10(block size)
        quantity_scale::integer + length(pricing_block_size) - 1 as pricing_quantity_scale,
        quantity_min::bigint as quantity_min,
        quantity_max::bigint as quantity_max,
        pricing_category,
        sku_details,
        sku_price_details,
    from prices
)

select * from final
