-- The meters of a legacy part, keyed as stg_cost keys them (legacy_cost_v1_2.sql: MeterId → x_SkuMeterId, MeterName
-- → SkuMeter, MeterSubCategory → x_SkuMeterSubcategory, MeterCategory → x_SkuMeterCategory), read straight from
-- `legacy_source` so classifying them does not run the whole mapping.
select distinct
    MeterId as x_SkuMeterId,
    MeterName as SkuMeter,
    MeterSubCategory as x_SkuMeterSubcategory,
    MeterCategory as x_SkuMeterCategory,
from legacy_source
