-- CommitmentDiscountUsage from a staged reservation details part (stg_commitment_discount_usage): one row per
-- reservation, instance and day, with FOCUS names for the commitment, the resource and the charge period.
with

staged as (
    select * from stg_commitment_discount_usage
),

-- Resource ids are compared in lower case, as Costs' ResourceId and FinOps hubs write them.
resources as (
    select
        *,
        lower(InstanceId) as resource_id,
        nullif(regexp_extract(lower(InstanceId), '^/subscriptions/[^/]+'), '') as subscription_id,
        nullif(regexp_extract(lower(InstanceId), '/resourcegroups/([^/]+)', 1), '') as resource_group,
        -- namespace, then type and name pairs, after the last /providers/: microsoft.compute/virtualmachines/vm1
        nullif(regexp_extract(lower(InstanceId), '/providers/([^/]+(/[^/]+/[^/]+)+)$', 1), '') as provider_path,
    from staged
),

typed as (
    select
        *,
        nullif(array_to_string(
            list_filter(string_split(provider_path, '/'), (segment, i) -> i = 1 or i % 2 = 0),
            '/'
        ), '') as resource_type,
        nullif(regexp_extract(provider_path, '[^/]+$'), '') as resource_name,
    from resources
),

-- Service columns only where the resource type names one service (several would duplicate rows).
services as (
    select
        lower(ResourceType) as resource_type,
        min(ServiceName) as service_name,
        min(ServiceCategory) as service_category,
        min(ServiceSubcategory) as service_subcategory,
    from hub_services
    group by all
    having count(distinct (ServiceName, ServiceCategory, ServiceSubcategory)) = 1
),

final as (
    select
        UsageDate + interval 1 day as ChargePeriodEnd,
        UsageDate as ChargePeriodStart,
        'Usage' as CommitmentDiscountCategory,
        case
            when starts_with(ReservationId, '/') then ReservationId
            else '/providers/Microsoft.Capacity/reservationOrders/' || ReservationOrderId || '/reservations/'
                || ReservationId
        end as CommitmentDiscountId,
        hub_multiply(UsedHours, coalesce(InstanceFlexibilityRatio, 1)) as CommitmentDiscountQuantity,
        'Reservation' as CommitmentDiscountType,
        case
            when InstanceFlexibilityRatio is null or InstanceFlexibilityRatio = 1 then 'Hours'
            else 'Normalized Hours'
        end as CommitmentDiscountUnit,
        UsedHours as ConsumedQuantity,
        'Hours' as ConsumedUnit,
        'Microsoft' as ProviderName,
        resource_id as ResourceId,
        resource_name as ResourceName,
        services.service_category as ServiceCategory,
        services.service_name as ServiceName,
        services.service_subcategory as ServiceSubcategory,
        subscription_id as SubAccountId,
        ReservedHours as x_CommitmentDiscountCommittedAmount,
        TotalReservedQuantity as x_CommitmentDiscountCommittedCount,
        nullif(InstanceFlexibilityGroup, 'NA') as x_CommitmentDiscountNormalizedGroup,
        InstanceFlexibilityRatio as x_CommitmentDiscountNormalizedRatio,
        resource_group as x_ResourceGroupName,
        typed.resource_type as x_ResourceType,
        ReservationOrderId as x_SkuOrderId,
        nullif(SkuName, 'NA') as x_SkuSize,
        'Cost Management' as x_SourceName,
        'Microsoft' as x_SourceProvider,
        'ReservationDetails' as x_SourceType,
        getvariable('hub_data_version') as x_SourceVersion,
    from typed
    left join services on services.resource_type = typed.resource_type
)

select * from final
