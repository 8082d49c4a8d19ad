-- Loads data/sample-ai-events.csv into `sample_ai_events`: the incidents the sample months tell, each a deployment's
-- quantity × factor from first_day to last_day (open-ended when empty). Binds $events_path.
create or replace temp table sample_ai_events as
select
    deployment,
    first_day::date as first_day,
    coalesce(nullif(last_day, '')::date, date '9999-12-31') as last_day,
    factor::double as factor,
from read_csv($events_path, header = true, all_varchar = true);
