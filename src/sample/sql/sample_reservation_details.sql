-- Synthetic reservation details rows p_row_start .. p_row_end - 1 (table macro `sample_reservation_details`): the
-- sample's reservation (the ids sample_rows derives from the same seed) covering two virtual machines, one row per
-- machine and day (row i: day i / 2, machine i % 2). Needs sample_macros.sql.
create or replace temp macro sample_reservation_details(
    p_seed, p_row_start, p_row_end, p_month_start, p_days, p_subscription_id, p_billing_account_id,
    p_billing_account_name, p_billing_profile_id
) as table

with

machines as (
    select
        i,
        i // 2 as day_index,
        i % 2 as machine,
        coalesce(p_subscription_id, sample_guid(p_seed, 'subscription-0')) as subscription_guid,
    from range(p_row_start, p_row_end) as r(i)
),

final as (
    select
        i as sample_row,
        'DSv3 Series' as InstanceFlexibilityGroup,
        case machine when 0 then 1 else 0.5 end::decimal(38, 18) as InstanceFlexibilityRatio,
        '/subscriptions/' || subscription_guid || '/resourceGroups/rg-compute/providers/Microsoft.Compute/'
            || 'virtualMachines/vm-app-0' || machine as InstanceId,
        'Reservation' as Kind,
        sample_guid(p_seed, 'reservation-order') as ReservationOrderId,
        sample_guid(p_seed, 'reservation') as ReservationId,
        24::decimal(38, 18) as ReservedHours,
        'Standard_D4s_v3' as SkuName,
        2::decimal(38, 18) as TotalReservedQuantity,
        (p_month_start::date + day_index::integer)::timestamp as UsageDate,
        (24 - hash(p_seed, i, 'idle') % (6 + 6 * machine))::decimal(38, 18) as UsedHours,
    from machines
)

select * exclude (sample_row) from final order by sample_row
