-- Records of an Azure Monitor metrics body (relation `telemetry_doc`, one row `json`): the batch API's
-- `{"values": [{resourceid, resourceregion, value: [metric]}]}` or the single-resource API's
-- `{"value": [metric], "namespace", "resourceregion"}`. One `Metric` record per data point and aggregation present
-- (total, average, maximum, minimum, count). Dimension names are matched ignoring case (the API lower-cases them).
-- A metric carrying an errorCode other than Success, or a point whose time or value is not readable, becomes an
-- `Error` record.
with

resources as (
    select unnest(from_json(json -> 'values', '["json"]')) as resource
    from telemetry_doc
    where json_exists(json, '$.values')
    union all
    select json as resource
    from telemetry_doc
    where not json_exists(json, '$.values')
),

metrics as (
    select
        resource ->> 'resourceregion' as region,
        unnest(from_json(resource -> 'value', '["json"]')) as metric,
        resource ->> 'resourceid' as resource_id,
    from resources
),

identified as (
    select
        *,
        lower(coalesce(
            resource_id,
            regexp_extract(metric ->> 'id', '^(.*)/providers/microsoft\.insights/metrics/[^/]*$', 1, 'i')
        )) as account_id,
        coalesce(metric -> 'name' ->> 'value', metric ->> 'name') as metric_name,
        coalesce(metric ->> 'errorCode', 'Success') as error_code,
    from metrics
),

failed as (
    select
        'Error' as x_RecordType,
        nullif(regexp_extract(account_id, '^(/subscriptions/[^/]+)', 1), '') as SubAccountId,
        account_id as ResourceId,
        nullif(regexp_extract(account_id, '/accounts/([^/]+)$', 1), '') as ResourceName,
        lower(region) as RegionId,
        metric_name as x_MetricName,
        error_code as x_ErrorCode,
        metric ->> 'errorMessage' as x_ErrorMessage,
    from identified
    where error_code <> 'Success'
),

series as (
    select
        *,
        unnest(from_json(metric -> 'timeseries', '["json"]')) as series,
    from identified
    where error_code = 'Success'
),

dimensions as (
    select
        *,
        from_json(series -> 'metadatavalues', '["json"]') as dims,
    from series
),

-- a dimension's value by its name in any case
named as (
    select
        *,
        list_filter(dims, d -> lower(coalesce(d -> 'name' ->> 'value', d ->> 'name')) = 'modeldeploymentname')[1]
            ->> 'value' as deployment,
        list_filter(dims, d -> lower(coalesce(d -> 'name' ->> 'value', d ->> 'name')) = 'modelname')[1]
            ->> 'value' as model,
        list_filter(dims, d -> lower(coalesce(d -> 'name' ->> 'value', d ->> 'name')) = 'modelversion')[1]
            ->> 'value' as model_version,
        list_filter(dims, d -> lower(coalesce(d -> 'name' ->> 'value', d ->> 'name')) = 'isspillover')[1]
            ->> 'value' as spillover,
    from dimensions
),

points as (
    select
        *,
        unnest(from_json(series -> 'data', '["json"]')) as point,
    from named
),

aggregations as (
    select
        *,
        unnest([
            {'aggregation': 'total', 'value': point ->> 'total'},
            {'aggregation': 'average', 'value': point ->> 'average'},
            {'aggregation': 'maximum', 'value': point ->> 'maximum'},
            {'aggregation': 'minimum', 'value': point ->> 'minimum'},
            {'aggregation': 'count', 'value': point ->> 'count'}
        ]) as measure,
        try_cast(point ->> 'timeStamp' as timestamptz) as stamp,
    from points
),

measured as (
    select
        *,
        try_cast(measure.value as decimal(38, 6)) as amount,
    from aggregations
    where measure.value is not null
),

final as (
    select
        case when stamp is null or amount is null then 'Error' else 'Metric' end as x_RecordType,
        stamp as x_Timestamp,
        nullif(regexp_extract(account_id, '^(/subscriptions/[^/]+)', 1), '') as SubAccountId,
        account_id as ResourceId,
        nullif(regexp_extract(account_id, '/accounts/([^/]+)$', 1), '') as ResourceName,
        lower(region) as RegionId,
        deployment as x_DeploymentName,
        model as x_ModelName,
        model_version as x_ModelVersion,
        metric_name as x_MetricName,
        measure.aggregation as x_Aggregation,
        case lower(spillover) when 'true' then true when 'false' then false end as x_IsSpillover,
        amount as x_Value,
        case when stamp is null or amount is null then 'ValueInvalid' end as x_ErrorCode,
        case when stamp is null or amount is null
            then 'Data point ' || point::varchar || ' has no readable timeStamp or ' || measure.aggregation end
            as x_ErrorMessage,
    from measured
    union all by name
    select * from failed
)

select * from final
