-- Synthetic reservation transactions rows p_row_start .. p_row_end - 1 (table macro
-- `sample_reservation_transactions`), EA and MCA columns side by side: row i is the monthly payment of the sample's
-- reservation (i % 3 = 0, the amount sample_rows' purchase rows carry), a one-time purchase of another reservation
-- (1) or a refund (2). Needs sample_macros.sql, sample_meters.sql and sample_lookups.sql.
create or replace temp macro sample_reservation_transactions(
    p_seed, p_row_start, p_row_end, p_month_start, p_days, p_subscription_id, p_billing_account_id,
    p_billing_account_name, p_billing_profile_id
) as table

with

picked as (
    select
        i,
        i % 3 as kind,
        coalesce(p_subscription_id, sample_guid(p_seed, 'subscription-0')) as subscription_guid,
        sample_scaled(
            getvariable('sample_commitment_meter').commitment_units * 1460,
            getvariable('sample_commitment_meter').commitment_scale
        ) as monthly_payment,
    from range(p_row_start, p_row_end) as r(i)
),

final as (
    select
        i as sample_row,
        'Contoso Cloud Operations' as AccountName,
        'cloudops@contoso.com' as AccountOwnerEmail,
        case kind
            when 0 then monthly_payment
            when 1 then (1000 + hash(p_seed, i, 'upfront') % 5000)::decimal(38, 18) + 0.25
            else -(100 + hash(p_seed, i, 'refund') % 400)::decimal(38, 18) - 0.5
        end as Amount,
        case kind when 0 then 'Standard_D4s_v3' else 'Standard_E8s_v5' end as ArmSkuName,
        case kind when 0 then 'Recurring' else 'OneTime' end as BillingFrequency,
        strftime(p_month_start::date, '%Y%m%d') as BillingMonth,
        p_billing_profile_id as BillingProfileId,
        p_billing_account_name || ' Billing' as BillingProfileName,
        '1001' as CostCenter,
        'USD' as Currency,
        p_billing_account_id as CurrentEnrollmentId,
        'Cloud Operations' as DepartmentName,
        case kind when 0 then 'Reserved VM Instance, Standard_D4s_v3, US East 2, 1 Year'
            else 'Reserved VM Instance, Standard_E8s_v5, US East 2, 3 Years' end as Description,
        (p_month_start::date + ((i * 7) % p_days)::integer)::timestamp as EventDate,
        case kind when 2 then 'Refund' else 'Purchase' end as EventType,
        'G' || lpad((hash(p_seed, p_month_start) % 100000000)::varchar, 9, '0') as Invoice,
        'G' || lpad((hash(p_seed, p_month_start) % 100000000)::varchar, 9, '0') as InvoiceId,
        sample_guid(p_seed, 'invoice-section') as InvoiceSectionId,
        'Cloud Operations' as InvoiceSectionName,
        0::decimal(38, 18) as MonetaryCommitment,
        0::decimal(38, 18) as Overage,
        subscription_guid as PurchasingSubscriptionGuid,
        'Contoso Production' as PurchasingSubscriptionName,
        p_billing_account_id as PurchasingEnrollment,
        (case kind when 0 then 2 else 1 end)::decimal(38, 18) as Quantity,
        'eastus2' as Region,
        case kind when 0 then sample_guid(p_seed, 'reservation-order') else sample_guid(p_seed, 'order-' || i) end
            as ReservationOrderId,
        case kind when 0 then 'VM_RI_D4s_v3_eastus2' else 'VM_RI_E8s_v5_eastus2' end as ReservationOrderName,
        case kind when 0 then 'P1Y' else 'P3Y' end as Term,
    from picked
)

select * exclude (sample_row) from final order by sample_row
