-- AIDeployments: one row per day × account × deployment of the subscription. Each account's day is described by its
-- first snapshot taken after the day ended (a daily pull describes the day before it), else by its latest snapshot
-- (InventoryCarriedForward); a snapshot taken more than a day after the day ended is flagged InventoryBackfilled. A
-- deployment that served metrics on a day but is not in that day's snapshot (deleted, or created and deleted between
-- pulls) is kept, flagged NotInInventory, with the attributes of the nearest snapshot that lists it, deployed for the
-- hours it reported metrics. Utilization is the hourly average over the hours deployed, hours without a value counted
-- as 0 %; null when the deployment reported no utilization that day.
with

accounts as (
    select distinct SubAccountId, ResourceId, ResourceName from snapshots
),

chosen as (
    select
        accounts.ResourceId,
        days.x_ChargeDate,
        coalesce(
            min(taken.x_SnapshotTime) filter (where taken.x_SnapshotTime >= (days.x_ChargeDate + 1)::timestamptz),
            max(taken.x_SnapshotTime)
        ) as x_SnapshotTime,
    from accounts
    cross join capacity_days as days
    join (select distinct ResourceId, x_SnapshotTime from snapshots) as taken using (ResourceId)
    group by all
),

inventoried as (
    select
        chosen.x_ChargeDate,
        snapshots.*,
        24 as hours_deployed,
        concat_ws(',',
            case when snapshots.x_SnapshotTime < (chosen.x_ChargeDate + 1)::timestamptz
                then 'InventoryCarriedForward' end,
            case when snapshots.x_SnapshotTime >= (chosen.x_ChargeDate + 2)::timestamptz
                then 'InventoryBackfilled' end
        ) as flags,
    from chosen
    join snapshots using (ResourceId, x_SnapshotTime)
),

-- deployments that reported metrics on a day of the covered period
metered as (
    select
        x_ChargeDate,
        ResourceId,
        x_DeploymentName,
        count(distinct x_Timestamp)::integer as metric_hours,
    from hourly
    where x_ChargeDate in (select x_ChargeDate from capacity_days)
    group by all
),

missing as (
    select
        metered.x_ChargeDate,
        nearest.x_SnapshotTime as nearest_snapshot,
        coalesce(nearest.SubAccountId, getvariable('capacity_subscription')) as SubAccountId,
        metered.ResourceId,
        coalesce(nearest.ResourceName, regexp_extract(metered.ResourceId, '/accounts/([^/]+)$', 1)) as ResourceName,
        metered.x_DeploymentName,
        nearest.x_DeploymentSku,
        nearest.x_DeploymentCapacity,
        nearest.x_ModelName,
        nearest.x_ModelVersion,
        nearest.x_ModelFormat,
        nearest.x_SpilloverDeploymentName,
        nearest.x_ProvisioningState,
        metered.metric_hours as hours_deployed,
        'NotInInventory' as flags,
    from metered
    anti join inventoried using (x_ChargeDate, ResourceId, x_DeploymentName)
    left join snapshots as nearest
        on nearest.ResourceId = metered.ResourceId and nearest.x_DeploymentName = metered.x_DeploymentName
    qualify row_number() over (
        partition by metered.x_ChargeDate, metered.ResourceId, metered.x_DeploymentName
        order by abs(epoch(nearest.x_SnapshotTime) - epoch((metered.x_ChargeDate + 1)::timestamptz)) nulls last
    ) = 1
),

rows as (
    select * exclude (x_SnapshotTime), x_SnapshotTime from inventoried
    union all by name
    select * exclude (nearest_snapshot), null::timestamptz as x_SnapshotTime from missing
),

usage as (
    select
        x_ChargeDate,
        ResourceId,
        x_DeploymentName,
        any_value(RegionId) as RegionId,
        max(utilization) as utilization,
        sum(requests) as requests,
        sum(spillover_requests) as spillover_requests,
    from hourly
    group by x_Timestamp, x_ChargeDate, ResourceId, x_DeploymentName
),

daily_usage as (
    select
        x_ChargeDate,
        ResourceId,
        x_DeploymentName,
        any_value(RegionId) as RegionId,
        count(utilization) as utilization_hours,
        sum(utilization) as utilization_sum,
        list(utilization) filter (where utilization is not null) as utilization_values,
        sum(requests) as requests,
        sum(spillover_requests) as spillover_requests,
    from usage
    group by all
),

final as (
    select
        rows.x_ChargeDate,
        rows.SubAccountId,
        rows.ResourceId,
        rows.ResourceName,
        coalesce(daily_usage.RegionId, account_region.RegionId) as RegionId,
        rows.x_DeploymentName,
        rows.x_DeploymentSku,
        skus.deployment_type as x_DeploymentType,
        skus.processing_tier as x_ProcessingTier,
        coalesce(skus.provisioned, false) as x_IsProvisioned,
        rows.x_DeploymentCapacity,
        rows.x_ModelName,
        rows.x_ModelVersion,
        rows.x_ModelFormat,
        rows.x_SpilloverDeploymentName,
        rows.x_ProvisioningState,
        rows.x_SnapshotTime,
        rows.hours_deployed::integer as x_HoursDeployed,
        case when skus.provisioned then rows.x_DeploymentCapacity * rows.hours_deployed end::bigint as x_PtuHours,
        case when daily_usage.utilization_hours > 0 then
            round(daily_usage.utilization_sum / greatest(rows.hours_deployed, daily_usage.utilization_hours), 6)
        end::decimal(38, 6) as x_UtilizationMean,
        case when daily_usage.utilization_hours > 0 then round(list_aggregate(
            list_concat(
                list_transform(daily_usage.utilization_values, v -> v::double),
                list_transform(range(greatest(rows.hours_deployed - daily_usage.utilization_hours, 0)), h -> 0::double)
            ), 'quantile_cont', 0.95), 6)
        end::decimal(38, 6) as x_UtilizationP95,
        coalesce(daily_usage.requests, 0)::decimal(38, 6) as x_Requests,
        coalesce(daily_usage.spillover_requests, 0)::decimal(38, 6) as x_SpilloverRequests,
        nullif(concat_ws(',',
            nullif(rows.flags, ''),
            case when rows.x_DeploymentSku is not null and skus.sku_name is null then 'SkuUnknown' end
        ), '') as x_InventoryFlags,
        getvariable('capacity_run') as x_SourceRunId,
    from rows
    left join capacity_skus as skus on lower(skus.sku_name) = lower(rows.x_DeploymentSku)
    left join daily_usage using (x_ChargeDate, ResourceId, x_DeploymentName)
    left join (select ResourceId, any_value(RegionId) as RegionId from hourly group by all) as account_region
        using (ResourceId)
)

select * from final
