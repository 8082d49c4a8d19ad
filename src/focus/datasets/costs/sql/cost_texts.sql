-- The distinct meters, tag texts and SKU price details texts of a part, from relation `cost_keys` (the AI meter key
-- columns, Tags and SkuPriceDetails as stg_cost_export holds them), in one scan: one row per distinct meter
-- (is_meter), per distinct Tags text (is_tags) and per distinct SkuPriceDetails text (is_sku_price_details). The Costs
-- chain computes what depends only on these once per distinct value and joins the results back.
select
    x_SkuMeterId,
    SkuMeter,
    x_SkuMeterSubcategory,
    x_SkuMeterCategory,
    Tags,
    SkuPriceDetails,
    grouping(x_SkuMeterId, SkuMeter, x_SkuMeterSubcategory, x_SkuMeterCategory) = 0 as is_meter,
    grouping(Tags) = 0 as is_tags,
    grouping(SkuPriceDetails) = 0 as is_sku_price_details,
from cost_keys
group by grouping sets (
    (x_SkuMeterId, SkuMeter, x_SkuMeterSubcategory, x_SkuMeterCategory),
    (Tags),
    (SkuPriceDetails)
)
