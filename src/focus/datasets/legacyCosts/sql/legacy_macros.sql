-- Conversions only legacy cost exports need, defined per connection (temp macros) before a legacy part is read.

-- Price x quantity (or rate) as DECIMAL(38, 18): DECIMAL(38, 18) x DECIMAL(38, 18) overflows in DuckDB, so the
-- factors are taken to 14 and 10 decimals first; a product beyond 10^14 falls back to floating point.
create or replace temp macro hub_legacy_times(a, b) as coalesce(
    try((a::decimal(38, 14) * b::decimal(38, 10))::decimal(38, 18)),
    (a::double * b::double)::decimal(38, 18)
);

-- The last name of an Azure resource id (`…/storageAccounts/name` → `name`), ignoring a trailing slash.
create or replace temp macro hub_legacy_resource_name(id) as list_filter(string_split(id, '/'), s -> s <> '')[-1];

-- The resource type of an Azure resource id, lower case: the provider after the last `/providers/`, then every other
-- segment (`…/providers/Microsoft.Compute/virtualMachineScaleSets/aks/virtualMachines/0` →
-- `microsoft.compute/virtualmachinescalesets/virtualmachines`). Null for ids without a provider.
create or replace temp macro hub_legacy_resource_type(id) as
    case
        when contains(lower(id), '/providers/') then array_to_string(
            list_filter(
                string_split(regexp_extract(lower(id), '.*/providers/(.*)$', 1), '/'),
                (segment, i) -> (i = 1 or i % 2 = 0) and segment <> ''
            ),
            '/'
        )
    end;
