-- Lookup tables from the FinOps toolkit open data, loaded once per DuckDB instance. hub_services is created last
-- (after lookup_pricing_units.sql and lookup_regions.sql): its presence marks the instance as prepared.
create table if not exists hub_services as
select
    ConsumedService,
    ResourceType,
    ServiceName,
    ServiceCategory,
    ServiceSubcategory,
from read_csv($services, header = true, all_varchar = true);
