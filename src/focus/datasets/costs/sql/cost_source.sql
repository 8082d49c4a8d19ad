-- The one-row table hub_cost_source the toolkit step reads: where a part's rows come from and when the hub read them.
create or replace temp table hub_cost_source as
select
    $name::varchar as x_SourceName,
    $provider::varchar as x_SourceProvider,
    $type::varchar as x_SourceType,
    $version::varchar as x_SourceVersion,
    $ingestion_time::timestamptz as x_IngestionTime;
