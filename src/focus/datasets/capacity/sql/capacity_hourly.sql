-- Hourly metrics of the subscription's deployments in the month, from the Metric records of `telemetry_records`:
-- tokens in and out (InputTokens/OutputTokens; ProcessedPromptTokens/GeneratedTokens for an account that reports
-- only those), cached input (TotalTokens − ActiveTokens, where both are reported), provisioned utilization (the V2
-- metric where reported, else ProvisionedUtilization; hourly average, %), and requests (AzureOpenAIRequests, else
-- ModelRequests), those spilled over apart. Metric names are matched ignoring case.
with

points as (
    select
        x_Timestamp,
        ResourceId,
        RegionId,
        x_DeploymentName,
        x_ModelName,
        x_ModelVersion,
        lower(x_MetricName) as metric,
        x_Aggregation,
        x_IsSpillover,
        x_Value,
    from telemetry_records
    where x_RecordType = 'Metric'
        and SubAccountId = getvariable('capacity_subscription')
        and strftime(timezone('UTC', x_Timestamp), '%Y-%m') = getvariable('capacity_month')
        and x_DeploymentName is not null
),

-- which metric family each account reports
accounts as (
    select
        ResourceId,
        bool_or(metric in ('inputtokens', 'outputtokens')) as new_tokens,
        bool_or(metric = 'azureopenairequests') as openai_requests,
    from points
    group by all
),

deployment_days as (
    select
        ResourceId,
        x_DeploymentName,
        timezone('UTC', x_Timestamp)::date as day,
        bool_or(metric = 'azureopenaiprovisionedmanagedutilizationv2') as utilization_v2,
    from points
    group by all
),

final as (
    select
        points.x_Timestamp,
        timezone('UTC', points.x_Timestamp)::date as x_ChargeDate,
        points.ResourceId,
        any_value(points.RegionId) as RegionId,
        points.x_DeploymentName,
        points.x_ModelName,
        points.x_ModelVersion,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and (
            (accounts.new_tokens and points.metric = 'inputtokens')
            or (not accounts.new_tokens and points.metric = 'processedprompttokens')
        )) as input_tokens,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and (
            (accounts.new_tokens and points.metric = 'outputtokens')
            or (not accounts.new_tokens and points.metric = 'generatedtokens')
        )) as output_tokens,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and points.metric = 'totaltokens')
            as total_tokens,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and points.metric = 'activetokens')
            as active_tokens,
        avg(points.x_Value) filter (where points.x_Aggregation = 'average' and (
            (days.utilization_v2 and points.metric = 'azureopenaiprovisionedmanagedutilizationv2')
            or (not days.utilization_v2 and points.metric = 'provisionedutilization')
        )) as utilization,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and (
            (accounts.openai_requests and points.metric = 'azureopenairequests')
            or (not accounts.openai_requests and points.metric = 'modelrequests')
        )) as requests,
        sum(points.x_Value) filter (where points.x_Aggregation = 'total' and points.x_IsSpillover and (
            (accounts.openai_requests and points.metric = 'azureopenairequests')
            or (not accounts.openai_requests and points.metric = 'modelrequests')
        )) as spillover_requests,
    from points
    join accounts using (ResourceId)
    join deployment_days as days
        on days.ResourceId = points.ResourceId
        and days.x_DeploymentName = points.x_DeploymentName
        and days.day = timezone('UTC', points.x_Timestamp)::date
    group by points.x_Timestamp, points.ResourceId, points.x_DeploymentName, points.x_ModelName, points.x_ModelVersion
)

select * from final
