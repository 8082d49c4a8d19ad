-- Resource types (FinOps toolkit open data): display name per resource type, lower case.
create table if not exists hub_legacy_resource_types as
select
    lower(ResourceType) as resource_type,
    min(SingularDisplayName) as display_name,
from read_csv($path, header = true, all_varchar = true)
group by all
