-- Regions (FinOps toolkit open data): FOCUS RegionId and RegionName per location as exports write it, lower case.
create table if not exists hub_legacy_regions as
select
    lower(trim(OriginalValue)) as location_key,
    min(RegionId) as region_id,
    min(RegionName) as region_name,
from read_csv($path, header = true, all_varchar = true)
group by all
