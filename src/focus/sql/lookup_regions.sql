-- Regions from the FinOps toolkit open data (any spelling of a region, lower-cased → RegionId, RegionName), loaded
-- once per DuckDB instance, before lookups.sql.
create table if not exists hub_regions as
select
    lower(OriginalValue) as original_value,
    RegionId as region_id,
    RegionName as region_name,
from read_csv($regions, header = true, all_varchar = true);
