-- Records of a Logs query body (`{"tables": [{"name", "columns": [{"name", "type"}], "rows": [[...]]}]}`, relation
-- `telemetry_doc`) answering the hub's consumer query: columns timestamp, name (Prompt Tokens, Completion Tokens or
-- Total Tokens), consumer, value, and optionally dimension and deployment, found by name ignoring case. One `Consumer`
-- record per row; a row whose time or value is not readable becomes an `Error` record. A partial-failure `error`
-- beside the tables is kept as an `Error` record too.
with

tables as (
    select unnest(from_json(json -> 'tables', '["json"]')) as result
    from telemetry_doc
),

columned as (
    select
        result,
        list_transform(from_json(result -> 'columns', '["json"]'), c -> lower(c ->> 'name')) as names,
    from tables
),

rows as (
    select
        names,
        unnest(from_json(result -> 'rows', '["json"]')) as row,
    from columned
),

-- a cell by column name (null when the column is absent)
cells as (
    select
        row,
        case when list_position(names, 'timestamp') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'timestamp') - 1) || ']') end as stamp,
        case when list_position(names, 'name') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'name') - 1) || ']') end as metric,
        case when list_position(names, 'dimension') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'dimension') - 1) || ']') end as dimension,
        case when list_position(names, 'consumer') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'consumer') - 1) || ']') end as consumer,
        case when list_position(names, 'deployment') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'deployment') - 1) || ']') end as deployment,
        case when list_position(names, 'value') > 0
            then json_extract_string(row, '$[' || (list_position(names, 'value') - 1) || ']') end as amount,
    from rows
),

typed as (
    select
        *,
        try_cast(stamp as timestamptz) as stamp_value,
        try_cast(amount as decimal(38, 6)) as amount_value,
    from cells
),

final as (
    select
        case when stamp_value is null or amount_value is null then 'Error' else 'Consumer' end as x_RecordType,
        stamp_value as x_Timestamp,
        nullif(trim(deployment), '') as x_DeploymentName,
        metric as x_MetricName,
        'total' as x_Aggregation,
        nullif(trim(dimension), '') as x_ConsumerDimension,
        nullif(trim(consumer), '') as x_Consumer,
        amount_value as x_Value,
        case when stamp_value is null or amount_value is null then 'ValueInvalid' end as x_ErrorCode,
        case when stamp_value is null or amount_value is null
            then 'Row ' || row::varchar || ' has no readable timestamp or value' end as x_ErrorMessage,
    from typed
    union all by name
    select
        'Error' as x_RecordType,
        coalesce(json ->> '$.error.code', 'PartialError') as x_ErrorCode,
        json ->> '$.error.message' as x_ErrorMessage,
    from telemetry_doc
    where json_exists(json, '$.error')
)

select * from final
