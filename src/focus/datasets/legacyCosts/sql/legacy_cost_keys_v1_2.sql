-- The columns the Costs chain reads once per distinct value (loadCostTexts: meter, Tags, SkuPriceDetails), keyed as
-- stg_cost holds them (legacy_cost_v1_2.sql: MeterId → x_SkuMeterId, MeterName → SkuMeter, MeterSubCategory →
-- x_SkuMeterSubcategory, MeterCategory → x_SkuMeterCategory, AdditionalInfo → SkuPriceDetails, Tags as they are),
-- read straight from `legacy_source` so that finding the distinct values does not run the whole mapping.
select
    MeterId as x_SkuMeterId,
    MeterName as SkuMeter,
    MeterSubCategory as x_SkuMeterSubcategory,
    MeterCategory as x_SkuMeterCategory,
    Tags,
    AdditionalInfo as SkuPriceDetails,
from legacy_source
