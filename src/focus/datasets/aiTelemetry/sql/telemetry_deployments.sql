-- Records of an ARM deployments list page (`{"value": [...], "nextLink"?}`, relation `telemetry_doc`, one row `json`):
-- one `Deployment` record per item, its account taken from the item's id. An item whose id names no Cognitive
-- Services account is kept as an `Error` record (DeploymentIdInvalid), never dropped.
with

items as (
    select unnest(from_json(json -> 'value', '["json"]')) as item
    from telemetry_doc
),

parsed as (
    select
        item,
        regexp_extract(
            item ->> 'id',
            '^(/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.cognitiveservices/accounts/[^/]+)/deployments/([^/]+)$',
            ['account', 'deployment'],
            'i'
        ) as id_parts,
    from items
),

final as (
    select
        case when id_parts.account = '' then 'Error' else 'Deployment' end as x_RecordType,
        nullif(lower(regexp_extract(id_parts.account, '^(/subscriptions/[^/]+)', 1)), '') as SubAccountId,
        nullif(lower(id_parts.account), '') as ResourceId,
        nullif(regexp_extract(id_parts.account, '/accounts/([^/]+)$', 1), '') as ResourceName,
        coalesce(nullif(id_parts.deployment, ''), item ->> 'name') as x_DeploymentName,
        item -> 'sku' ->> 'name' as x_DeploymentSku,
        try_cast(item -> 'sku' ->> 'capacity' as bigint) as x_DeploymentCapacity,
        item -> 'properties' -> 'model' ->> 'name' as x_ModelName,
        item -> 'properties' -> 'model' ->> 'version' as x_ModelVersion,
        item -> 'properties' -> 'model' ->> 'format' as x_ModelFormat,
        item -> 'properties' ->> 'spilloverDeploymentName' as x_SpilloverDeploymentName,
        item -> 'properties' ->> 'provisioningState' as x_ProvisioningState,
        case when id_parts.account = '' then 'DeploymentIdInvalid' end as x_ErrorCode,
        case when id_parts.account = '' then 'Deployment id ' || coalesce(item ->> 'id', 'null')
            || ' names no Microsoft.CognitiveServices account' end as x_ErrorMessage,
    from parsed
)

select * from final
