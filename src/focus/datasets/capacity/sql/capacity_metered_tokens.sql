-- Metered tokens per day × account × deployment × model × version × direction (relation `hourly`; model and version
-- from the day's inventory, relation `deployment_days`, where the metric has no ModelName dimension), input with its
-- cached part, for the days the run covers (relation `capacity_days`). Whole tokens.
with

metered_hours as (
    select
        hourly.x_ChargeDate,
        hourly.ResourceId,
        hourly.x_DeploymentName,
        coalesce(hourly.x_ModelName, inventory.x_ModelName) as x_ModelName,
        coalesce(hourly.x_ModelVersion, inventory.x_ModelVersion) as x_ModelVersion,
        hourly.input_tokens,
        hourly.output_tokens,
        case when hourly.total_tokens is not null and hourly.active_tokens is not null
            then least(greatest(hourly.total_tokens - hourly.active_tokens, 0), coalesce(hourly.input_tokens, 0))
        end as cached_tokens,
    from hourly
    left join deployment_days as inventory using (x_ChargeDate, ResourceId, x_DeploymentName)
    where hourly.x_ChargeDate in (select x_ChargeDate from capacity_days)
),


final as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion,
        'Input' as x_TokenDirection,
        round(sum(input_tokens))::hugeint as tokens,
        round(coalesce(sum(cached_tokens), 0))::hugeint as cached,
    from metered_hours
    group by all
    having sum(input_tokens) is not null
    union all
    select
        x_ChargeDate, ResourceId, x_DeploymentName, x_ModelName, x_ModelVersion,
        'Output' as x_TokenDirection,
        round(sum(output_tokens))::hugeint as tokens,
        0::hugeint as cached,
    from metered_hours
    group by all
    having sum(output_tokens) is not null
)

select * from final
