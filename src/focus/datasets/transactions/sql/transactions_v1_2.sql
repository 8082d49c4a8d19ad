-- Transactions from a staged reservation transactions part (stg_transactions, EA or MCA): purchases, refunds and
-- exchanges as FOCUS charges. Session variables: hub_channel, hub_data_version, hub_scope (the run's scope, which for
-- MCA names the billing account the file does not).
with

staged as (
    select * from stg_transactions
),

-- EA BillingMonth (yyyyMMdd, staged as a date); MCA files have none.
dated as (
    select
        *,
        getvariable('hub_channel') as channel,
        BillingMonth as billing_month,
        case when channel = 'EA' then CurrentEnrollmentId else BillingProfileId end as profile_id,
        regexp_extract(getvariable('hub_scope')::varchar, '^providers/microsoft\.billing/billingaccounts/([^/]+)', 1)
            as scope_account,
    from staged
),

final as (
    select
        Amount as BilledCost,
        case
            when starts_with(profile_id, '/') then profile_id
            when channel = 'EA' then '/providers/Microsoft.Billing/billingAccounts/' || profile_id
            when scope_account <> ''
                then '/providers/Microsoft.Billing/billingAccounts/' || scope_account || '/billingProfiles/' || profile_id
        end as BillingAccountId,
        coalesce(BillingProfileName, profile_id) as BillingAccountName,
        Currency as BillingCurrency,
        billing_month + interval 1 month as BillingPeriodEnd,
        billing_month as BillingPeriodStart,
        case EventType
            when 'Purchase' then 'Purchase'
            when 'Refund' then 'Purchase'
            when 'Cancel' then 'Purchase'
            else 'Adjustment'
        end as ChargeCategory,
        case when EventType in ('Refund', 'Cancel') then 'Correction' end as ChargeClass,
        Description as ChargeDescription,
        case BillingFrequency when 'OneTime' then 'One-Time' when 'Recurring' then 'Recurring'
            else BillingFrequency end as ChargeFrequency,
        EventDate + interval 1 day as ChargePeriodEnd,
        EventDate as ChargePeriodStart,
        InvoiceId,
        Quantity as PricingQuantity,
        'Reservations' as PricingUnit,
        'Microsoft' as ProviderName,
        coalesce(regions.region_id, nullif(lower(replace(Region, ' ', '')), '')) as RegionId,
        coalesce(regions.region_name, Region) as RegionName,
        case when PurchasingSubscriptionGuid is not null then '/subscriptions/' || PurchasingSubscriptionGuid end
            as SubAccountId,
        PurchasingSubscriptionName as SubAccountName,
        AccountName as x_AccountName,
        AccountOwnerEmail as x_AccountOwnerId,
        channel as x_BillingAccountAgreement,
        profile_id as x_BillingProfileId,
        BillingProfileName as x_BillingProfileName,
        CostCenter as x_CostCenter,
        Invoice as x_InvoiceNumber,
        InvoiceSectionId as x_InvoiceSectionId,
        coalesce(InvoiceSectionName, DepartmentName) as x_InvoiceSectionName,
        MonetaryCommitment as x_MonetaryCommitment,
        Overage as x_Overage,
        PurchasingEnrollment as x_PurchasingBillingAccountId,
        ReservationOrderId as x_SkuOrderId,
        ReservationOrderName as x_SkuOrderName,
        ArmSkuName as x_SkuSize,
        hub_iso_months(Term) as x_SkuTerm,
        'Cost Management' as x_SourceName,
        'Microsoft' as x_SourceProvider,
        'ReservationTransactions' as x_SourceType,
        getvariable('hub_data_version') as x_SourceVersion,
        PurchasingSubscriptionGuid as x_SubscriptionId,
        EventType as x_TransactionType,
    from dated
    left join hub_regions as regions on regions.original_value = lower(dated.Region)
)

select * from final
