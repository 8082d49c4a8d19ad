-- FOCUS 1.2 Costs from a staged FocusCost export part (stg_cost: output columns, typed, in order).
-- Fills the 1.2 columns older exports lack, makes JSON columns valid FOCUS key-value objects,
-- and lists every fix made to a row in x_SourceChanges. The export's SKU details text is carried as x_SkuDetails
-- (focus_cost_sku_v1_2.sql moves it to the end of the row). JSON texts are fixed once per distinct text
-- (cost_json_texts_v1_2.sql: temp tables hub_tag_texts and hub_sku_price_texts) and joined back.
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
        tag_texts.tags as fixed_tags,
        tag_texts.tags_change,
        sku_price_texts.details as fixed_sku_price_details,
        coalesce(staged.PricingCurrency, staged.BillingCurrency) as pricing_currency,
    from staged
    left join hub_tag_texts as tag_texts
        on tag_texts.source_tags = staged.Tags
    left join hub_sku_price_texts as sku_price_texts
        on sku_price_texts.source_details = staged.SkuPriceDetails
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
            fixed_tags, tags_change, fixed_sku_price_details, pricing_currency, known_subcategory
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
            fixed_tags as Tags,
            fixed_sku_price_details as SkuPriceDetails,
            pricing_currency as PricingCurrency,
            coalesce(
                PublisherName, case when x_PublisherCategory = 'Cloud Provider' then ProviderName end
            ) as PublisherName
        ),
        nullif(concat_ws(
            ',',
            tags_change,
            case when SkuPriceDetails is not null and fixed_sku_price_details is null then 'InvalidSkuPriceDetails' end,
            case when PricingCurrency is null and BillingCurrency is not null then 'MissingPricingCurrency' end,
            case when known_subcategory is null and ServiceCategory is not null then 'DefaultServiceSubcategory' end,
            case when PublisherName is null then 'MissingPublisherName' end
        ), '') as x_SourceChanges,
        SkuPriceDetails as x_SkuDetails,
    from derived
)

select * from final
