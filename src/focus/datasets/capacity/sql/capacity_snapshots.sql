-- Deployment inventory snapshots of the subscription: the one this telemetry run landed (its Deployment records,
-- taken at getvariable('capacity_snapshot')), and every earlier one the published AIDeployments of the month still
-- holds (relation `previous_deployments`). A later landing of the same snapshot replaces it.
with

landed as (
    select distinct
        getvariable('capacity_snapshot')::timestamptz as x_SnapshotTime,
        SubAccountId,
        ResourceId,
        ResourceName,
        x_DeploymentName,
        x_DeploymentSku,
        x_DeploymentCapacity,
        x_ModelName,
        x_ModelVersion,
        x_ModelFormat,
        x_SpilloverDeploymentName,
        x_ProvisioningState,
    from telemetry_records
    where x_RecordType = 'Deployment' and SubAccountId = getvariable('capacity_subscription')
),

earlier as (
    select distinct
        x_SnapshotTime,
        SubAccountId,
        ResourceId,
        ResourceName,
        x_DeploymentName,
        x_DeploymentSku,
        x_DeploymentCapacity,
        x_ModelName,
        x_ModelVersion,
        x_ModelFormat,
        x_SpilloverDeploymentName,
        x_ProvisioningState,
    from previous_deployments
    where x_SnapshotTime is not null
        and x_SnapshotTime <> getvariable('capacity_snapshot')::timestamptz
        and SubAccountId = getvariable('capacity_subscription')
),

final as (
    select * from landed
    union all
    select * from earlier
)

select * from final
