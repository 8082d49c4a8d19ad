-- Lookup tables from the FinOps toolkit open data, loaded once per DuckDB instance.
create table if not exists hub_services as
select
    ConsumedService,
    ResourceType,
    ServiceName,
    ServiceCategory,
    ServiceSubcategory,
from read_csv($services, header = true, all_varchar = true);
