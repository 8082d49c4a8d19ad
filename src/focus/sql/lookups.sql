-- Lookup tables from the FinOps toolkit open data, loaded once per connection.
create or replace temp table hub_services as
select
    ConsumedService,
    ResourceType,
    ServiceName,
    ServiceCategory,
    ServiceSubcategory,
from read_csv($services, header = true, all_varchar = true);
