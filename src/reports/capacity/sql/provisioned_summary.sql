-- Provisioned throughput per account × deployment × billing currency for month $month (only billing currency
-- $currency, when not null), from relations `ai_provisioned` (AIProvisioned) and `ai_telemetry` (AITelemetry: hourly
-- utilization). A day without billing counts in the deployment's billing currency of the month (the first by name).
-- Sums over the month; cost per 1M tokens = Σ cost ÷ Σ tokens of the days billed (the bill lags telemetry by a day or
-- two: tokens of days not yet billed would lower it); utilization: mean weighted by PTU-hours, and the 95th
-- percentile of the hourly values over the hours deployed (hours without a value count as 0 %; per day the V2 metric
-- where reported, else ProvisionedUtilization, as the daily rows). Pay-as-you-go amounts are in $payg_currency (the
-- retail snapshot's), over the days billed; savings (pay-as-you-go equivalent − cost) and break-even (the billed
-- days' mean utilization × cost ÷ pay-as-you-go equivalent) only where the billing currency is that one and every
-- billed day has a retail price: two currencies are never added, and a month is never compared with part of it. Rows without a deployment
-- (provisioned cost no telemetry names) are listed too. Money and tokens as exact decimal text.
with

month_rows as (
    select
        *,
        coalesce(BillingCurrency, min(BillingCurrency) over (partition by ResourceId, x_DeploymentName)) as currency,
    from ai_provisioned
    where strftime(x_ChargeDate, '%Y-%m') = $month
),

selected_rows as (
    select * from month_rows
    where $currency::varchar is null or currency is null or currency = $currency::varchar
),

summed as (
    select
        currency,
        ResourceName as account,
        ResourceId,
        x_DeploymentName as deployment,
        any_value(x_DeploymentType) as deployment_type,
        any_value(x_ModelName) as model,
        any_value(x_ModelVersion) as model_version,
        arg_max(x_DeploymentCapacity, x_ChargeDate) as ptus,
        coalesce(sum(x_PtuHours), 0) as ptu_hours,
        sum(x_PtuHours / nullif(x_DeploymentCapacity, 0)) as hours_deployed,
        sum(EffectiveCost) as effective_cost,
        coalesce(sum(x_InputTokens + x_CachedInputTokens), 0) as input_tokens,
        coalesce(sum(x_CachedInputTokens), 0) as cached_tokens,
        coalesce(sum(x_OutputTokens), 0) as output_tokens,
        coalesce(sum(x_TokenCount), 0) as tokens,
        sum(x_TokenCount) filter (where EffectiveCost is not null) as billed_tokens,
        sum(x_UtilizationMean * x_PtuHours) / nullif(sum(x_PtuHours) filter (where x_UtilizationMean is not null), 0)
            as utilization_mean,
        case when bool_and(x_PaygEquivalentCost is not null or x_TokenCount = 0) filter (where EffectiveCost is not null)
            then sum(x_PaygEquivalentCost) filter (where EffectiveCost is not null) end as payg,
        sum(x_UtilizationMean * x_PtuHours) filter (where EffectiveCost is not null)
            / nullif(sum(x_PtuHours) filter (where x_UtilizationMean is not null and EffectiveCost is not null), 0)
            as billed_utilization,
        array_to_string(list_sort(list_distinct(flatten(list(string_split(x_Flags, ','))))), ',') as flags,
    from selected_rows
    group by all
),

utilization_points as (
    select
        lower(ResourceId) as ResourceId,
        x_DeploymentName as deployment,
        lower(x_MetricName) = 'azureopenaiprovisionedmanagedutilizationv2' as v2,
        x_Value::double as value,
        bool_or(lower(x_MetricName) = 'azureopenaiprovisionedmanagedutilizationv2') over (
            partition by lower(ResourceId), x_DeploymentName, timezone('UTC', x_Timestamp)::date
        ) as day_v2,
    from ai_telemetry
    where x_RecordType = 'Metric' and x_Aggregation = 'average'
        and lower(x_MetricName) in ('azureopenaiprovisionedmanagedutilizationv2', 'provisionedutilization')
        and strftime(timezone('UTC', x_Timestamp), '%Y-%m') = $month
),

hourly as (
    select ResourceId, deployment, list(value) as values,
    from utilization_points
    where v2 = day_v2
    group by all
),

final as (
    select
        summed.account,
        summed.deployment,
        summed.deployment_type as deploymentType,
        summed.currency,
        summed.model || coalesce(' ' || summed.model_version, '') as model,
        summed.ptus::varchar as ptus,
        summed.ptu_hours::varchar as ptuHours,
        summed.effective_cost::varchar as effectiveCost,
        summed.input_tokens::decimal(38, 0)::varchar as inputTokens,
        summed.cached_tokens::decimal(38, 0)::varchar as cachedInputTokens,
        summed.output_tokens::decimal(38, 0)::varchar as outputTokens,
        summed.tokens::decimal(38, 0)::varchar as tokens,
        case when summed.billed_tokens > 0 and summed.effective_cost is not null
            then hub_divide(hub_multiply(summed.effective_cost, 1000000), summed.billed_tokens::decimal(38, 18))::varchar
        end as effectiveCostPer1MTokens,
        round(summed.utilization_mean, 2)::decimal(38, 2)::varchar as utilizationMean,
        case when hourly.values is not null then round(list_aggregate(list_concat(
            hourly.values,
            list_transform(range(greatest(round(summed.hours_deployed)::bigint - len(hourly.values), 0)), h -> 0::double)
        ), 'quantile_cont', 0.95), 2)::decimal(38, 2)::varchar end as utilizationP95,
        summed.payg::varchar as paygEquivalentCost,
        case when summed.currency = $payg_currency then summed.payg - summed.effective_cost end::varchar as savings,
        case when summed.payg > 0 and summed.effective_cost is not null and summed.billed_utilization is not null
            and summed.currency = $payg_currency
            then round(summed.billed_utilization * summed.effective_cost / summed.payg, 2)::decimal(38, 2)::varchar
        end as breakEvenUtilization,
        summed.flags,
    from summed
    left join hourly on hourly.ResourceId = summed.ResourceId and hourly.deployment = summed.deployment
)

select * from final
order by account, deployment nulls last, currency nulls last
