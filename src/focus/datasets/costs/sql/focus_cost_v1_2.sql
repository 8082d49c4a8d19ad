-- FOCUS 1.2 Costs from a staged FocusCost export part (stg_cost: output columns, typed, in order).
-- Fills the 1.2 columns older exports lack, makes JSON columns valid FOCUS key-value objects,
-- and lists every fix made to a row in x_SourceChanges. The export's SKU details text is carried as x_SkuDetails
-- (focus_cost_sku_v1_2.sql moves it to the end of the row).
with

staged as (
    select * from stg_cost
),

-- Subcategories are taken only under the row's own ServiceCategory (FOCUS fixes the parent of each).
services_by_name as (
    select
        lower(ResourceType) as resource_type,
        ServiceCategory as service_category,
        ServiceName as service_name,
        min(ServiceSubcategory) as service_subcategory,
    from hub_services
    group by all
),

services_by_type as (
    select
        lower(ResourceType) as resource_type,
        ServiceCategory as service_category,
        min(ServiceSubcategory) as service_subcategory,
    from hub_services
    group by all
    having count(distinct ServiceSubcategory) = 1
),

json_fixed as (
    select
        staged.*,
        hub_wrap_tags(staged.Tags) as wrapped_tags,
        hub_sku_price_details(staged.SkuPriceDetails) as fixed_sku_price_details,
        coalesce(staged.PricingCurrency, staged.BillingCurrency) as pricing_currency,
    from staged
),

derived as (
    select
        json_fixed.*,
        coalesce(
            json_fixed.ServiceSubcategory,
            by_name.service_subcategory,
            by_type.service_subcategory
        ) as known_subcategory,
    from json_fixed
    left join services_by_name as by_name
        on by_name.resource_type = lower(json_fixed.x_ResourceType)
        and by_name.service_category = json_fixed.ServiceCategory
        and by_name.service_name = json_fixed.ServiceName
    left join services_by_type as by_type
        on by_type.resource_type = lower(json_fixed.x_ResourceType)
        and by_type.service_category = json_fixed.ServiceCategory
),

final as (
    select
        derived.* exclude (
            wrapped_tags, fixed_sku_price_details, pricing_currency, known_subcategory
        ) replace (
            coalesce(
                BillingAccountType,
                case
                    when x_BillingProfileId is not null and BillingAccountId = x_BillingProfileId
                        then 'Billing Profile'
                    else 'Billing Account'
                end
            ) as BillingAccountType,
            coalesce(
                SubAccountType, case when SubAccountId is not null then 'Subscription' end
            ) as SubAccountType,
            coalesce(known_subcategory, 'Other (' || ServiceCategory || ')') as ServiceSubcategory,
            case when hub_is_object(wrapped_tags) then wrapped_tags end as Tags,
            fixed_sku_price_details as SkuPriceDetails,
            pricing_currency as PricingCurrency,
            coalesce(
                PublisherName, case when x_PublisherCategory = 'Cloud Provider' then ProviderName end
            ) as PublisherName
        ),
        nullif(concat_ws(
            ',',
            case when Tags is not null and wrapped_tags <> Tags and hub_is_object(wrapped_tags) then 'WrappedTags' end,
            case when Tags is not null and not hub_is_object(wrapped_tags) then 'InvalidTags' end,
            case when SkuPriceDetails is not null and fixed_sku_price_details is null then 'InvalidSkuPriceDetails' end,
            case when PricingCurrency is null and BillingCurrency is not null then 'MissingPricingCurrency' end,
            case when known_subcategory is null and ServiceCategory is not null then 'DefaultServiceSubcategory' end,
            case when PublisherName is null then 'MissingPublisherName' end
        ), '') as x_SourceChanges,
        SkuPriceDetails as x_SkuDetails,
    from derived
)

select * from final
