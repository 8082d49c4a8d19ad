-- Legacy rows whose quantity scale the export could not prove (x_LegacyScaleUnproven: a cost, a quantity and a
-- multi-unit block, but no price) and whose price the month's price sheet filled (stg_cost_prices_v1_2): the filled
-- price decides as the export's own would have in legacy_cost_v1_2.sql, in the billing currency both are in. Cost ≈
-- quantity × price keeps the block reading; cost ≈ quantity × price ÷ block size reads raw units (PricingQuantity ÷
-- block size, ConsumedQuantity the quantity, LegacyQuantityInUnits); neither flags LegacyQuantityScaleUnknown. Reads
-- stg_cost_priced; drops the working column.
with

evidence as (
    select
        *,
        case when x_LegacyScaleUnproven and hub_prices_filled then
            coalesce(nullif(EffectiveCost, 0), BilledCost)::double end as hub_cost,
        case when x_LegacyScaleUnproven and hub_prices_filled then
            coalesce(nullif(ContractedUnitPrice, 0), nullif(ListUnitPrice, 0))::double end as hub_price,
        PricingQuantity::double as hub_quantity,
        x_PricingBlockSize::double as hub_block,
    from stg_cost_priced
),

scaled as (
    select
        *,
        case
            when hub_cost is null or hub_price is null then null
            when abs(hub_cost - hub_quantity * hub_price) <= 0.1 * abs(hub_cost) + abs(hub_price) * 5e-9 then 'Blocks'
            when abs(hub_cost - hub_quantity * hub_price / hub_block)
                <= 0.1 * abs(hub_cost) + abs(hub_price / hub_block) * 5e-9 then 'Units'
            else 'Unknown'
        end as hub_sheet_scale,
    from evidence
),

final as (
    select
        * exclude (x_LegacyScaleUnproven, hub_cost, hub_price, hub_quantity, hub_block, hub_sheet_scale) replace (
            case when hub_sheet_scale = 'Units' then (hub_quantity / hub_block)::decimal(38, 18) else PricingQuantity end
                as PricingQuantity,
            case when hub_sheet_scale = 'Units' and ConsumedQuantity is not null then PricingQuantity
                else ConsumedQuantity end as ConsumedQuantity,
            nullif(concat_ws(
                ',',
                x_LegacySourceChanges,
                case hub_sheet_scale when 'Units' then 'LegacyQuantityInUnits'
                    when 'Unknown' then 'LegacyQuantityScaleUnknown' end
            ), '') as x_LegacySourceChanges
        ),
    from scaled
)

select * from final
