-- Loads data/sample-ai-daily.csv into `sample_ai_daily`: the AI deployments the sample bills every day, each with a
-- weekday quantity in the meter's quantity units, a weekend factor and its tags. Binds $daily_path.
create or replace temp table sample_ai_daily as
select
    row_number() over () - 1 as position,
    deployment,
    meter_key,
    resource::integer as resource,
    weekday_quantity::bigint as weekday_quantity,
    weekend_factor::double as weekend_factor,
    cost_center,
    environment,
    application,
from read_csv($daily_path, header = true, all_varchar = true);
