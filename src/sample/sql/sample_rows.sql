-- Synthetic FocusCost rows p_row_start .. p_row_end - 1 of one export run, typed, with every column any FocusCost
-- version (1.0, 1.0r2, 1.2-preview, 1.2) has, as the table macro `sample_rows`. Row i depends only on i and the
-- arguments, so parts can be generated one at a time and the same arguments give the same rows. The first usage rows
-- bill the daily AI deployments (sample_ai_daily.sql), one per deployment and day. Needs sample_macros.sql,
-- sample_meters.sql, sample_ai_daily.sql and sample_lookups.sql. Arguments: p_seed, p_row_start, p_row_end,
-- p_month_start (first day of the billing month), p_days (days covered), p_subscription_id (null for a
-- billing-account scope), p_billing_account_id, p_billing_account_name.
create or replace temp macro sample_rows(
    p_seed, p_row_start, p_row_end, p_month_start, p_days, p_subscription_id, p_billing_account_id,
    p_billing_account_name
) as table

with

draws as (
    select
        i,
        case i % 1000 when 500 then 'purchase' when 250 then 'unused' else 'usage' end as row_kind,
        -- the first usage rows of a run bill the daily AI deployments: one row per deployment and day
        i - (i > 250)::integer - (i > 500)::integer as daily_k,
        row_kind = 'usage' and i < 1000 and daily_k < p_days * len(getvariable('sample_daily_meters')) as is_daily,
        case when is_daily then getvariable('sample_daily_meters')[daily_k // p_days + 1] end as daily,
        case
            when is_daily then struct_extract(daily, 'meter')
            else getvariable('sample_slot_meters')[
                (hash(p_seed, i, 'meter') % len(getvariable('sample_slot_meters')))::bigint + 1
            ]
        end as drawn_meter,
        case when is_daily then daily_k % p_days else hash(p_seed, i, 'day') % p_days end::integer as day_index,
        hash(p_seed, i, 'quantity') as quantity_draw,
        hash(p_seed, i, 'resource') as resource_draw,
        hash(p_seed, i, 'cover') % 10 < 6 as cover_draw,
    from range(p_row_start, p_row_end) as r(i)
),

metered as (
    select
        i,
        row_kind,
        day_index,
        daily,
        quantity_draw,
        resource_draw,
        unnest(case when row_kind = 'usage' then drawn_meter else getvariable('sample_commitment_meter') end),
        case
            when row_kind <> 'usage' then row_kind
            when drawn_meter.commitment_units is not null and cover_draw then 'covered'
            else 'standard'
        end as charge_kind,
    from draws
),

resourced as (
    select
        *,
        coalesce(daily.resource, resource_draw % resource_pool) as resource_index,
        resource_prefix || '-' || lpad(resource_index::varchar, 2, '0') as resource_name,
        hash(p_seed, resource_name, 'tags') % 10 as tag_draw,
        ['prod', 'prod', 'dev', 'test'][(hash(p_seed, resource_name, 'env') % 4)::integer + 1] as env_tag,
        ['1001', '2040', '3310', '4200'][(hash(p_seed, resource_name, 'cost-center') % 4)::integer + 1]
            as cost_center_tag,
        -- a billing-account scope spreads resources over four subscriptions
        case when p_subscription_id is null then 4 else 1 end as subscription_count,
        (hash(p_seed, resource_prefix, resource_index) % subscription_count)::integer as subscription_index,
        coalesce(p_subscription_id, sample_guid(p_seed, 'subscription-' || subscription_index)) as subscription_guid,
        ['Contoso Production', 'Contoso Dev/Test', 'Contoso AI Platform', 'Contoso Data Platform'][
            subscription_index + 1
        ] as subscription_name,
        -- the reservation: ids derived from the seed, a monthly payment for two instances (2 x 730 hours)
        sample_guid(p_seed, 'reservation-order') as order_guid,
        '/providers/Microsoft.Capacity/reservationOrders/' || order_guid || '/reservations/'
            || sample_guid(p_seed, 'reservation') as commitment_id,
        'VM_RI_D4s_v3_eastus2' as commitment_name,
        getvariable('sample_commitment_meter').commitment_units * 1460 as purchase_units,
        getvariable('sample_commitment_meter').commitment_scale as purchase_scale,
    from metered
),

daily_quantities as (
    select
        *,
        (p_month_start::date + day_index) as charge_day,
        -- a daily deployment's quantity: its weekday quantity, its weekend factor, 0.3 % growth a day from August 2026,
        -- log-normal day-to-day noise (sd 0.06, the same on every run of a scope) and the factor of its events that day
        case when daily is not null then greatest(1, round(
            daily.weekday_quantity
            * (case when isodow(charge_day) in (6, 7) then daily.weekend_factor else 1 end)
            * exp(0.003 * (charge_day - date '2026-08-01'))
            * exp(0.06 * sqrt(-2 * ln(
                (hash(coalesce(p_subscription_id, p_billing_account_id), daily.deployment, charge_day, 1) % 1000000
                    + 0.5) / 1000000
            )) * cos(2 * pi() * (
                (hash(coalesce(p_subscription_id, p_billing_account_id), daily.deployment, charge_day, 2) % 1000000
                    + 0.5) / 1000000
            )))
            * coalesce(list_aggregate(list_transform(
                list_filter(daily.events, e -> charge_day between e.first_day and e.last_day), e -> e.factor
            ), 'product'), 1)
        ))::bigint end as daily_quantity,
    from resourced
),

quantified as (
    select
        *,
        -- integer quantity in units of 10^-quantity_scale (hours of unused reservation for unused rows)
        case
            when charge_kind = 'purchase' then 1
            when charge_kind = 'unused' then 1000000 + quantity_draw % 11000000
            when daily is not null then daily_quantity
            else quantity_min + quantity_draw % (quantity_max - quantity_min + 1)
        end as quantity_units,
        case when charge_kind = 'purchase' then 0 else pricing_quantity_scale end as pq_scale,
        case when charge_kind = 'purchase' then purchase_units else list_units end as list_price_units,
        case when charge_kind = 'purchase' then purchase_scale else list_scale end as list_price_scale,
        case when charge_kind = 'purchase' then purchase_units else contracted_units end as contracted_price_units,
        case when charge_kind = 'purchase' then purchase_scale else contracted_scale end as contracted_price_scale,
    from daily_quantities
),

priced as (
    select
        *,
        sample_scaled(quantity_units, pq_scale) as pricing_quantity,
        sample_scaled(list_price_units, list_price_scale) as list_unit_price,
        sample_scaled(contracted_price_units, contracted_price_scale) as contracted_unit_price,
        sample_scaled(commitment_units, commitment_scale) as commitment_unit_price,
        sample_scaled(quantity_units * list_price_units, pq_scale + list_price_scale) as list_cost,
        sample_scaled(quantity_units * contracted_price_units, pq_scale + contracted_price_scale) as contracted_cost,
        sample_scaled(quantity_units * commitment_units, pq_scale + commitment_scale) as commitment_cost,
        (p_month_start::date + day_index)::timestamp as charge_start,
        -- one in eight pay-as-you-go rows of other than AI meters shows 0 for its list and contracted prices and
        -- costs, as Cost Management exports sometimes do; the sample's price sheets hold those prices
        charge_kind = 'standard' and meter_category <> 'Foundry Models' and hash(p_seed, i, 'price-gap') % 8 = 0
            as price_gap,
    from quantified
),

final as (
    select
        case when charge_kind in ('covered', 'unused') then 0::decimal(38, 18) else contracted_cost end as BilledCost,
        '/providers/Microsoft.Billing/billingAccounts/' || p_billing_account_id as BillingAccountId,
        p_billing_account_name as BillingAccountName,
        'Billing Account' as BillingAccountType,
        'USD' as BillingCurrency,
        (p_month_start::date + interval 1 month)::timestamp as BillingPeriodEnd,
        p_month_start::date::timestamp as BillingPeriodStart,
        null::varchar as CapacityReservationId,
        null::varchar as CapacityReservationStatus,
        case when charge_kind = 'purchase' then 'Purchase' else 'Usage' end as ChargeCategory,
        null::varchar as ChargeClass,
        case
            when charge_kind = 'purchase' then 'Reserved VM Instance, Standard_D4s_v3, ' || sku_region || ', 1 Year'
            else product || ' - ' || sku_name || ' - ' || sku_region
        end as ChargeDescription,
        case when charge_kind = 'purchase' then 'Recurring' else 'Usage-Based' end as ChargeFrequency,
        charge_start + interval 1 day as ChargePeriodEnd,
        charge_start as ChargePeriodStart,
        case when charge_kind in ('covered', 'unused', 'purchase') then 'Usage' end as CommitmentDiscountCategory,
        case when charge_kind in ('covered', 'unused', 'purchase') then commitment_id end as CommitmentDiscountId,
        case when charge_kind in ('covered', 'unused', 'purchase') then commitment_name end as CommitmentDiscountName,
        null::decimal(38, 18) as CommitmentDiscountQuantity,
        case charge_kind when 'covered' then 'Used' when 'unused' then 'Unused' end as CommitmentDiscountStatus,
        case when charge_kind in ('covered', 'unused', 'purchase') then 'Reservation' end as CommitmentDiscountType,
        null::varchar as CommitmentDiscountUnit,
        case when charge_kind in ('standard', 'covered') then sample_scaled(quantity_units, quantity_scale) end
            as ConsumedQuantity,
        case when charge_kind in ('standard', 'covered') then pricing_unit end as ConsumedUnit,
        case when price_gap then 0::decimal(38, 18) else contracted_cost end as ContractedCost,
        case when price_gap then 0::decimal(38, 18) else contracted_unit_price end as ContractedUnitPrice,
        case
            when charge_kind = 'purchase' then 0::decimal(38, 18)
            when charge_kind in ('covered', 'unused') then commitment_cost
            else contracted_cost
        end as EffectiveCost,
        null::varchar as InvoiceId,
        'Microsoft' as InvoiceIssuerName,
        case when price_gap then 0::decimal(38, 18) else list_cost end as ListCost,
        case when price_gap then 0::decimal(38, 18) else list_unit_price end as ListUnitPrice,
        case
            when charge_kind = 'purchase' then 'Standard'
            when charge_kind in ('covered', 'unused') then 'Committed'
            else pricing_category
        end as PricingCategory,
        'USD' as PricingCurrency,
        pricing_quantity as PricingQuantity,
        pricing_unit as PricingUnit,
        'Microsoft' as ProviderName,
        'Microsoft' as PublisherName,
        region_id as RegionId,
        region_name as RegionName,
        case
            when charge_kind = 'purchase' then null
            when charge_kind = 'unused' then commitment_id
            else lower(
                '/subscriptions/' || subscription_guid || '/resourcegroups/' || resource_group || '/providers/'
                || resource_path || resource_name
            )
        end as ResourceId,
        case charge_kind when 'purchase' then null when 'unused' then commitment_name else resource_name end
            as ResourceName,
        case charge_kind when 'purchase' then null when 'unused' then 'Reservation order' else resource_type end
            as ResourceType,
        case when charge_kind = 'purchase' then 'Management and Governance' else service_category end
            as ServiceCategory,
        case when charge_kind = 'purchase' then 'Azure Reservations' else service_name end as ServiceName,
        case when charge_kind = 'purchase' then 'Cost Management' else service_subcategory end as ServiceSubcategory,
        sku_id as SkuId,
        meter_name as SkuMeter,
        case when charge_kind = 'standard' or charge_kind = 'covered' then sku_price_details end as SkuPriceDetails,
        sku_id as SkuPriceId,
        '/subscriptions/' || subscription_guid as SubAccountId,
        subscription_name as SubAccountName,
        'Subscription' as SubAccountType,
        case
            when daily is not null then '{"CostCenter":"' || daily.cost_center || '","env":"' || daily.environment
                || '","app":"' || daily.application || '"}'
            when charge_kind = 'purchase' or tag_draw < 2 then null
            when tag_draw = 2 then '{"env":"' || env_tag || '"}'
            else '{"CostCenter":"' || cost_center_tag || '","env":"' || env_tag || '","app":"'
                || replace(resource_group, 'rg-', '') || '"}'
        end as Tags,
        '4711' || (hash(p_seed, subscription_guid) % 10)::varchar as x_AccountId,
        'Contoso Cloud Operations' as x_AccountName,
        'cloudops@contoso.com' as x_AccountOwnerId,
        case charge_kind when 'covered' then 'Amortized Charge' when 'unused' then 'Amortized Charge'
            when 'purchase' then 'Principal' end
            as x_AmortizationClass,
        BilledCost as x_BilledCostInUsd,
        case when charge_kind in ('covered', 'unused') then 0::decimal(38, 18) else contracted_unit_price end
            as x_BilledUnitPrice,
        p_billing_account_id as x_BillingAccountId,
        p_billing_account_name as x_BillingAccountName,
        1::decimal(38, 18) as x_BillingExchangeRate,
        p_month_start::date::timestamp as x_BillingExchangeRateDate,
        p_billing_account_id as x_BillingProfileId,
        p_billing_account_name as x_BillingProfileName,
        contracted_cost as x_ContractedCostInUsd,
        null::varchar as x_CostAllocationRuleName,
        null::varchar as x_CostCenter,
        null::varchar as x_CustomerId,
        null::varchar as x_CustomerName,
        EffectiveCost as x_EffectiveCostInUsd,
        case
            when charge_kind = 'purchase' then 0::decimal(38, 18)
            when charge_kind in ('covered', 'unused') then commitment_unit_price
            else contracted_unit_price
        end as x_EffectiveUnitPrice,
        null::varchar as x_InvoiceId,
        null::varchar as x_InvoiceIssuerId,
        null::varchar as x_InvoiceSectionId,
        null::varchar as x_InvoiceSectionName,
        list_cost as x_ListCostInUsd,
        null::varchar as x_PartnerCreditApplied,
        null::varchar as x_PartnerCreditRate,
        pricing_block_size as x_PricingBlockSize,
        'USD' as x_PricingCurrency,
        case charge_kind
            when 'purchase' then null
            when 'standard' then case pricing_category when 'Dynamic' then 'Spot' else 'On-Demand' end
            else 'Committed Usage'
        end as x_PricingSubcategory,
        unit_of_measure as x_PricingUnitDescription,
        'Cloud Provider' as x_PublisherCategory,
        null::varchar as x_PublisherId,
        null::varchar as x_ResellerId,
        null::varchar as x_ResellerName,
        case when charge_kind in ('purchase', 'unused') then null else resource_group end as x_ResourceGroupName,
        case when charge_kind in ('purchase', 'unused') then 'microsoft.capacity/reservationorders'
            else x_resource_type end
            as x_ResourceType,
        case when charge_kind = 'purchase' then 'IaaS' else service_model end as x_ServiceModel,
        ChargePeriodEnd as x_ServicePeriodEnd,
        ChargePeriodStart as x_ServicePeriodStart,
        sku_name as x_SkuDescription,
        case when charge_kind in ('standard', 'covered') then sku_details end as x_SkuDetails,
        charge_kind <> 'purchase' as x_SkuIsCreditEligible,
        meter_category as x_SkuMeterCategory,
        meter_id as x_SkuMeterId,
        meter_name as x_SkuMeterName,
        meter_subcategory as x_SkuMeterSubcategory,
        'MS-AZR-0017P' as x_SkuOfferId,
        case when charge_kind in ('covered', 'unused', 'purchase') then order_guid end as x_SkuOrderId,
        case when charge_kind in ('covered', 'unused', 'purchase') then commitment_name end as x_SkuOrderName,
        null::varchar as x_SkuPartNumber,
        null::varchar as x_SkuPlanName,
        sku_region as x_SkuRegion,
        service_family as x_SkuServiceFamily,
        case when charge_kind in ('covered', 'unused', 'purchase') then '12' end as x_SkuTerm,
        null::varchar as x_SkuTier,
    from priced
)

select * from final
