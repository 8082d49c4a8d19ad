-- AITelemetry rows: the records one telemetry file gave (relation `telemetry_records`, any subset of the columns
-- below), typed and in order. Every record keeps the file it came from.
with

columns as (
    select
        null::varchar as x_RecordType,
        null::timestamptz as x_Timestamp,
        null::varchar as SubAccountId,
        null::varchar as ResourceId,
        null::varchar as ResourceName,
        null::varchar as RegionId,
        null::varchar as x_DeploymentName,
        null::varchar as x_DeploymentSku,
        null::bigint as x_DeploymentCapacity,
        null::varchar as x_ModelName,
        null::varchar as x_ModelVersion,
        null::varchar as x_ModelFormat,
        null::varchar as x_SpilloverDeploymentName,
        null::varchar as x_ProvisioningState,
        null::varchar as x_MetricName,
        null::varchar as x_Aggregation,
        null::boolean as x_IsSpillover,
        null::varchar as x_ConsumerDimension,
        null::varchar as x_Consumer,
        null::decimal(38, 6) as x_Value,
        null::varchar as x_ErrorCode,
        null::varchar as x_ErrorMessage,
    where false
),

records as (
    select * from columns
    union all by name
    select * from telemetry_records
),

final as (
    select
        * exclude (x_ErrorMessage),
        left(x_ErrorMessage, 1000) as x_ErrorMessage,
        getvariable('hub_telemetry_file') as x_SourceFile,
    from records
)

select * from final
