-- Pricing units (FinOps toolkit open data), loaded once per DuckDB instance: block size and FOCUS unit per legacy UnitOfMeasure. Keys differ in case
-- and spaces (`"1 "`, `1 hour`) but agree once trimmed and lower-cased.
create table if not exists hub_legacy_pricing_units as
select
    lower(trim(UnitOfMeasure)) as unit_key,
    min(PricingBlockSize::bigint) as block_size,
    min(DistinctUnits) as distinct_units,
from read_csv($path, header = true, all_varchar = true)
group by all
