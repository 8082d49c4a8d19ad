-- Pricing units from the FinOps toolkit open data (unit of measure → block size and distinct unit), loaded once per
-- DuckDB instance, before lookups.sql.
create table if not exists hub_pricing_units as
select
    UnitOfMeasure as unit_of_measure,
    PricingBlockSize::decimal(38, 18) as pricing_block_size,
    DistinctUnits as pricing_unit,
from read_csv($pricing_units, header = true, all_varchar = true);
