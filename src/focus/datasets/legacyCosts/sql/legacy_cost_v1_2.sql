-- FOCUS 1.2 Costs columns from a legacy cost and usage details part (ActualCost or AmortizedCost, EA or MCA).
-- Input: relation `legacy_source` (the part's columns under the names of data/legacy-cost-map.json, typed, nulls for
-- columns the export lacks, plus hub_channel 'EA'/'MCA' and hub_export 'ActualCost'/'AmortizedCost') and the lookups
-- hub_legacy_pricing_units, hub_legacy_regions, hub_legacy_resource_types (prepareLegacy) and hub_services.
-- Mapping: Microsoft's legacy-to-FOCUS conversion (docs/legacy-costs.md). Columns not selected in `final` are
-- typed nulls in stg_cost; legacy-only facts go to x_LegacySourceChanges, folded into x_SourceChanges at the end.
with

legacy as (
    select * from legacy_source
),

-- What each row is: its charge type (the oldest EA schema has none: usage), the commitment discount it involves,
-- and whether it buys one (purchase, refund) or consumes one (covered or unused usage).
charge_types as (
    select
        legacy.*,
        case lower(trim(coalesce(ChargeType, 'Usage')))
            when 'usage' then 'Usage'
            when 'purchase' then 'Purchase'
            when 'refund' then 'Refund'
            when 'credit' then 'Credit'
            when 'tax' then 'Tax'
            when 'unusedreservation' then 'UnusedReservation'
            when 'unusedsavingsplan' then 'UnusedSavingsPlan'
            else ChargeType
        end as charge_type,
        lower(replace(PricingModel, ' ', '')) as pricing_model,
    from legacy
),

commitments as (
    select
        charge_types.*,
        case
            when charge_type = 'UnusedReservation' then 'Reservation'
            when charge_type = 'UnusedSavingsPlan' then 'Savings Plan'
            when pricing_model = 'reservation' then 'Reservation'
            when pricing_model = 'savingsplan' then 'Savings Plan'
            when pricing_model is not null then null
            when contains(lower(BenefitId), '/microsoft.billingbenefits/') then 'Savings Plan'
            when contains(lower(BenefitId), '/microsoft.capacity/') or ReservationId is not null
                or lower(ConsumedService) = 'microsoft.capacity' then 'Reservation'
        end as commitment_type,
        coalesce(
            BenefitId,
            '/providers/Microsoft.Capacity/reservationOrders/' || ProductOrderId || '/reservations/' || ReservationId
        ) as commitment_id,
    from charge_types
),

kinds as (
    select
        commitments.*,
        commitment_type is not null and charge_type in ('Purchase', 'Refund') as buys_commitment,
        commitment_type is not null and charge_type in ('Usage', 'UnusedReservation', 'UnusedSavingsPlan')
            as uses_commitment,
        -- amortized cost shows a commitment's usage (and its unused part) at its amortized cost, which the purchase
        -- bills: BilledCost 0. Actual cost bills what it shows (covered usage normally at 0), so it is kept.
        hub_export = 'AmortizedCost' and uses_commitment as bills_at_purchase,
        charge_type in ('UnusedReservation', 'UnusedSavingsPlan') as unused_commitment,
        case
            when charge_type in ('Usage', 'Purchase', 'Credit', 'Tax') then charge_type
            when charge_type in ('UnusedReservation', 'UnusedSavingsPlan') then 'Usage'
            when charge_type = 'Refund' then 'Purchase'
            else 'Adjustment'
        end as charge_category,
        -- MCA prices are in the pricing currency; EA prices and all costs are in the billing currency.
        case
            when hub_channel = 'EA' then 1::decimal(38, 18)
            when ExchangeRate is not null then ExchangeRate
            when PricingCurrency is null or PricingCurrency = BillingCurrency then 1::decimal(38, 18)
        end as exchange_rate,
    from commitments
),

-- Quantity counts UnitOfMeasure blocks in legacy exports (cost = Quantity x price), but some rows count raw units
-- (cost = Quantity x price / block size). Every row with a cost, a quantity and a price proves which, in the
-- currency its prices are in; rows proving neither keep the block reading and are flagged. Rows without that
-- evidence (free, covered by a reservation in actual cost, one-unit blocks) are read as blocks.
units as (
    select
        kinds.*,
        pricing_units.block_size,
        pricing_units.distinct_units,
        coalesce(CostInPricingCurrency, Cost)::double as check_cost,
        coalesce(nullif(EffectivePrice, 0), nullif(UnitPrice, 0))::double as check_price,
    from kinds
    left join hub_legacy_pricing_units as pricing_units
        on pricing_units.unit_key = lower(trim(kinds.UnitOfMeasure))
),

scaled as (
    select
        units.*,
        case
            when coalesce(block_size, 1) = 1 then 'Blocks'
            when coalesce(check_cost, 0) = 0 or coalesce(Quantity, 0) = 0 or check_price is null then 'Blocks'
            when abs(check_cost - Quantity::double * check_price)
                <= 0.1 * abs(check_cost) + abs(check_price) * 5e-9 then 'Blocks'
            when abs(check_cost - Quantity::double * check_price / block_size)
                <= 0.1 * abs(check_cost) + abs(check_price / block_size) * 5e-9 then 'Units'
            else 'Unknown'
        end as quantity_scale,
    from units
),

quantities as (
    select
        scaled.*,
        case
            when charge_category = 'Tax' then null
            when quantity_scale = 'Units' then (Quantity::double / block_size)::decimal(38, 18)
            else Quantity
        end as pricing_quantity,
        case
            when charge_category <> 'Usage' or unused_commitment then null
            when quantity_scale = 'Units' then Quantity
            else Quantity * coalesce(block_size, 1)
        end as consumed_quantity,
        case when charge_category <> 'Tax' then coalesce(UnitPrice, EffectivePrice) end as contracted_price,
        case when charge_category <> 'Tax' then coalesce(PayGPrice, UnitPrice, EffectivePrice) end as list_price,
    from scaled
),

-- Prices in the billing currency (x the exchange rate for MCA).
prices as (
    select
        quantities.*,
        case when exchange_rate = 1 then contracted_price else hub_legacy_times(contracted_price, exchange_rate) end
            as contracted_unit_price,
        case when exchange_rate = 1 then list_price else hub_legacy_times(list_price, exchange_rate) end
            as list_unit_price,
        case when exchange_rate = 1 then EffectivePrice else hub_legacy_times(EffectivePrice, exchange_rate) end
            as effective_unit_price,
        hub_legacy_resource_type(ResourceId) as resource_type,
        case when json_valid(AdditionalInfo) then
            try_cast(json_extract_string(AdditionalInfo, '$.RINormalizationRatio') as decimal(38, 18))
        end as normalization_ratio,
    from quantities
),

services as (
    select
        lower(ConsumedService) as consumed_service,
        lower(ResourceType) as resource_type,
        min(ServiceName) as service_name,
        min(ServiceCategory) as service_category,
        min(ServiceSubcategory) as service_subcategory,
    from hub_services
    group by all
),

services_by_type as (
    select resource_type, min(service_name) as service_name, min(service_category) as service_category,
        min(service_subcategory) as service_subcategory,
    from services
    group by all
    having count(distinct service_name) = 1
),

services_by_consumer as (
    select consumed_service, min(service_name) as service_name, min(service_category) as service_category,
        min(service_subcategory) as service_subcategory,
    from services
    group by all
    having count(distinct service_name) = 1
),

looked_up as (
    select
        prices.*,
        coalesce(regions.region_id, resource_regions.region_id) as region_id,
        coalesce(regions.region_name, resource_regions.region_name) as region_name,
        resource_types.display_name as resource_type_name,
        coalesce(by_both.service_name, by_type.service_name, by_consumer.service_name) as service_name,
        coalesce(by_both.service_category, by_type.service_category, by_consumer.service_category)
            as service_category,
        coalesce(by_both.service_subcategory, by_type.service_subcategory, by_consumer.service_subcategory)
            as service_subcategory,
    from prices
    left join hub_legacy_regions as regions on regions.location_key = lower(trim(prices.LocationNormalized))
    left join hub_legacy_regions as resource_regions
        on resource_regions.location_key = lower(trim(prices.ResourceLocation))
    left join hub_legacy_resource_types as resource_types
        on resource_types.resource_type = coalesce(prices.resource_type, lower(prices.ResourceType))
    left join services as by_both
        on by_both.consumed_service = lower(prices.ConsumedService)
        and by_both.resource_type = coalesce(prices.resource_type, lower(prices.ResourceType))
    left join services_by_type as by_type
        on by_type.resource_type = coalesce(prices.resource_type, lower(prices.ResourceType))
    left join services_by_consumer as by_consumer on by_consumer.consumed_service = lower(prices.ConsumedService)
),

final as (
    select
        -- costs: billed as invoiced (actual cost is; amortized usage of a commitment is paid by its purchase),
        -- effective as amortized (commitment purchases are amortized over their usage)
        case when bills_at_purchase then 0::decimal(38, 18) else Cost end as BilledCost,
        case when buys_commitment then 0::decimal(38, 18) else Cost end as EffectiveCost,
        coalesce(hub_legacy_times(contracted_unit_price, pricing_quantity), Cost) as ContractedCost,
        coalesce(
            PaygCostInBillingCurrency,
            hub_legacy_times(list_unit_price, pricing_quantity),
            hub_legacy_times(contracted_unit_price, pricing_quantity),
            Cost
        ) as ListCost,
        contracted_unit_price as ContractedUnitPrice,
        list_unit_price as ListUnitPrice,

        -- accounts: an EA bills its enrollment (billing account), an MCA its billing profile
        case
            when hub_channel = 'MCA' and BillingProfileId is not null then
                '/providers/Microsoft.Billing/billingAccounts/' || BillingAccountId || '/billingProfiles/'
                || BillingProfileId
            when starts_with(BillingAccountId, '/') then BillingAccountId
            else '/providers/Microsoft.Billing/billingAccounts/' || BillingAccountId
        end as BillingAccountId,
        case when hub_channel = 'MCA' then coalesce(BillingProfileName, BillingAccountName) else BillingAccountName end
            as BillingAccountName,
        case when hub_channel = 'MCA' then 'Billing Profile' else 'Billing Account' end as BillingAccountType,
        BillingCurrency,
        case when hub_channel = 'MCA' then coalesce(PricingCurrency, BillingCurrency) else BillingCurrency end
            as PricingCurrency,
        case when hub_channel = 'MCA' then UnitPrice end as PricingCurrencyContractedUnitPrice,
        case when hub_channel = 'MCA' then PayGPrice end as PricingCurrencyListUnitPrice,
        case when hub_channel = 'MCA' then (case when buys_commitment then 0 else CostInPricingCurrency end) end
            ::decimal(38, 18) as PricingCurrencyEffectiveCost,
        '/subscriptions/' || SubscriptionId as SubAccountId,
        case when SubscriptionId is not null then SubscriptionName end as SubAccountName,
        InvoiceId,
        coalesce(PartnerName, 'Microsoft') as InvoiceIssuerName,
        'Microsoft' as ProviderName,
        case when lower(PublisherType) = 'marketplace' then coalesce(PublisherName, 'Microsoft') else 'Microsoft' end
            as PublisherName,

        -- periods: legacy ends are inclusive days, FOCUS ends exclusive
        coalesce(BillingPeriodStartDate, date_trunc('month', Date)) as BillingPeriodStart,
        coalesce(BillingPeriodEndDate + interval 1 day, date_trunc('month', Date) + interval 1 month)
            as BillingPeriodEnd,
        Date as ChargePeriodStart,
        Date + interval 1 day as ChargePeriodEnd,

        -- the charge
        charge_category as ChargeCategory,
        case when charge_type = 'Refund' then 'Correction' end as ChargeClass,
        ProductName as ChargeDescription,
        case
            when lower(Frequency) = 'onetime' then 'One-Time'
            when lower(Frequency) = 'recurring' then 'Recurring'
            when lower(Frequency) = 'usagebased' then 'Usage-Based'
            when Frequency is null and charge_category = 'Purchase' then 'One-Time'
            when Frequency is null then 'Usage-Based'
        end as ChargeFrequency,
        case
            when charge_category not in ('Usage', 'Purchase') then null
            when uses_commitment then 'Committed'
            when pricing_model = 'spot' then 'Dynamic'
            else 'Standard'
        end as PricingCategory,
        case
            when uses_commitment then 'Committed ' || case when commitment_type = 'Reservation' then 'Usage' else 'Spend' end
            when pricing_model = 'spot' then 'Spot'
            when charge_category in ('Usage', 'Purchase') then 'Standard'
        end as x_PricingSubcategory,
        case when buys_commitment then 'Principal' when uses_commitment then 'Amortized Charge' end
            as x_AmortizationClass,

        -- commitment discounts
        case when commitment_type is not null then commitment_id end as CommitmentDiscountId,
        case when commitment_type is not null and commitment_id is not null then coalesce(BenefitName, ReservationName) end
            as CommitmentDiscountName,
        case when commitment_type is not null and commitment_id is not null then commitment_type end
            as CommitmentDiscountType,
        case
            when commitment_type is null or commitment_id is null then null
            when commitment_type = 'Reservation' then 'Usage'
            else 'Spend'
        end as CommitmentDiscountCategory,
        case
            when commitment_type is null or commitment_id is null or charge_category <> 'Usage' then null
            when unused_commitment then 'Unused'
            else 'Used'
        end as CommitmentDiscountStatus,
        -- what the row consumes (used or left unused) of the commitment: hours for a reservation (normalized for
        -- instance size flexibility), money in the pricing currency for a savings plan. Purchases do not say how
        -- much they buy: null there (a source gap).
        case
            when commitment_type is null or commitment_id is null or charge_category <> 'Usage' then null
            when commitment_type = 'Reservation' then hub_legacy_times(pricing_quantity, coalesce(normalization_ratio, 1))
            when hub_channel = 'MCA' then (case when buys_commitment then 0 else CostInPricingCurrency end)::decimal(38, 18)
            else Cost
        end as CommitmentDiscountQuantity,
        case
            when commitment_type is null or commitment_id is null or charge_category <> 'Usage' then null
            when commitment_type = 'Reservation' and normalization_ratio is not null
                then 'Normalized ' || coalesce(distinct_units, UnitOfMeasure)
            when commitment_type = 'Reservation' then coalesce(distinct_units, UnitOfMeasure)
            when hub_channel = 'MCA' then coalesce(PricingCurrency, BillingCurrency)
            else BillingCurrency
        end as CommitmentDiscountUnit,

        -- quantities and units
        pricing_quantity as PricingQuantity,
        case when pricing_quantity is not null then coalesce(distinct_units, UnitOfMeasure) end as PricingUnit,
        consumed_quantity as ConsumedQuantity,
        case when consumed_quantity is not null then coalesce(distinct_units, UnitOfMeasure) end as ConsumedUnit,
        block_size::decimal(38, 18) as x_PricingBlockSize,
        UnitOfMeasure as x_PricingUnitDescription,
        effective_unit_price as x_EffectiveUnitPrice,
        contracted_unit_price as x_BilledUnitPrice,

        -- resource, region, service, SKU
        ResourceId,
        coalesce(ResourceName, hub_legacy_resource_name(ResourceId)) as ResourceName,
        resource_type_name as ResourceType,
        coalesce(resource_type, lower(ResourceType)) as x_ResourceType,
        ResourceGroup as x_ResourceGroupName,
        region_id as RegionId,
        case when region_id is not null then region_name end as RegionName,
        AvailabilityZone,
        coalesce(service_name, MeterCategory, ConsumedService, 'Unknown') as ServiceName,
        coalesce(service_category, 'Other') as ServiceCategory,
        service_subcategory as ServiceSubcategory,
        ProductId as SkuId,
        MeterName as SkuMeter,
        AdditionalInfo as SkuPriceDetails,
        Tags,

        -- Microsoft's x_ columns (FinOps toolkit mapping.md names)
        AccountId as x_AccountId,
        AccountName as x_AccountName,
        AccountOwnerId as x_AccountOwnerId,
        case when bills_at_purchase then 0::decimal(38, 18) else CostInUsd end as x_BilledCostInUsd,
        case when buys_commitment then 0::decimal(38, 18) else CostInUsd end as x_EffectiveCostInUsd,
        PaygCostInUsd as x_ListCostInUsd,
        BillingAccountId as x_BillingAccountId,
        BillingAccountName as x_BillingAccountName,
        case when hub_channel = 'MCA' then ExchangeRate end as x_BillingExchangeRate,
        ExchangeRateDate as x_BillingExchangeRateDate,
        BillingProfileId as x_BillingProfileId,
        BillingProfileName as x_BillingProfileName,
        CostAllocationRuleName as x_CostAllocationRuleName,
        CostCenter as x_CostCenter,
        CustomerTenantId as x_CustomerId,
        CustomerName as x_CustomerName,
        PartnerTenantId as x_InvoiceIssuerId,
        InvoiceSectionId as x_InvoiceSectionId,
        InvoiceSectionName as x_InvoiceSectionName,
        PartnerEarnedCreditApplied as x_PartnerCreditApplied,
        PartnerEarnedCreditRate as x_PartnerCreditRate,
        case when lower(PublisherType) = 'marketplace' then 'Vendor' else 'Cloud Provider' end as x_PublisherCategory,
        PublisherId as x_PublisherId,
        ResellerMpnId as x_ResellerId,
        ResellerName as x_ResellerName,
        ServicePeriodEndDate as x_ServicePeriodEnd,
        ServicePeriodStartDate as x_ServicePeriodStart,
        ProductName as x_SkuDescription,
        IsAzureCreditEligible as x_SkuIsCreditEligible,
        MeterCategory as x_SkuMeterCategory,
        MeterId as x_SkuMeterId,
        MeterSubCategory as x_SkuMeterSubcategory,
        OfferId as x_SkuOfferId,
        ProductOrderId as x_SkuOrderId,
        ProductOrderName as x_SkuOrderName,
        PartNumber as x_SkuPartNumber,
        PlanName as x_SkuPlanName,
        MeterRegion as x_SkuRegion,
        ServiceFamily as x_SkuServiceFamily,
        Term as x_SkuTerm,

        -- a scale read as blocks only for want of a price: a price the price sheet fills decides it
        -- (legacy_sheet_scale_v1_2.sql)
        coalesce(block_size, 1) <> 1 and coalesce(check_cost, 0) <> 0 and coalesce(Quantity, 0) <> 0
            and check_price is null as x_LegacyScaleUnproven,

        -- what the conversion had to decide, as x_SourceChanges codes (docs/legacy-costs.md
        -- "How the columns are mapped")
        nullif(concat_ws(
            ',',
            case when quantity_scale = 'Units' then 'LegacyQuantityInUnits' end,
            case when quantity_scale = 'Unknown' then 'LegacyQuantityScaleUnknown' end,
            case when UnitOfMeasure is not null and block_size is null then 'LegacyUnknownUnitOfMeasure' end,
            case when hub_export = 'ActualCost' and (buys_commitment or uses_commitment)
                then 'CommitmentNotAmortized' end,
            case when bills_at_purchase then 'ZeroedBilledCostOfCommitmentUsage' end,
            case when buys_commitment then 'ZeroedEffectiveCostOfCommitmentPurchase' end,
            case when BillingPeriodStartDate is null then 'LegacyBillingPeriodFromChargeDate' end,
            case when service_name is null then 'LegacyServiceFromMeterCategory' end
        ), '') as x_LegacySourceChanges,
    from looked_up
)

select * from final
