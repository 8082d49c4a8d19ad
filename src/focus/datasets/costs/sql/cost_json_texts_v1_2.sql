-- What focus_cost_v1_2.sql and focus_cost_tags_v1_2.sql make of each distinct JSON text of a part (temp table
-- hub_cost_texts), computed once per text instead of once per row, for those steps to join back:
--   hub_tag_texts: each Tags text as exported → the valid FOCUS object (legacy tags wrapped in braces; null when not a
--     JSON object) and its fix (WrappedTags or InvalidTags);
--   hub_tag_values: each valid Tags object → x_TagCostCenter, x_TagEnvironment and x_TagApplication, the value of the
--     first alias in `hub_tag_aliases` (column_name, alias in lower case, priority) that names a tag key with a
--     non-empty value; keys are compared in lower case with surrounding spaces ignored; of a key written twice the last
--     value counts, as JSON parsers (JSON.parse, Python, Power Query) read it (keys and values are both reversed, so
--     the first match is the last key);
--   hub_sku_price_texts: each SkuPriceDetails text → the object with keys renamed for FOCUS (null when not an object).
create or replace temp table hub_tag_texts as

with

texts as (
    select Tags as source_tags, hub_wrap_tags(Tags) as wrapped,
    from hub_cost_texts
    where is_tags and Tags is not null
),

final as (
    select
        source_tags,
        case when hub_is_object(wrapped) then wrapped end as tags,
        case
            when wrapped <> source_tags and hub_is_object(wrapped) then 'WrappedTags'
            when not hub_is_object(wrapped) then 'InvalidTags'
        end as tags_change,
    from texts
)

select * from final;

create or replace temp table hub_tag_values as

with

aliases as (
    select
        list(alias order by priority) filter (where column_name = 'x_TagCostCenter') as cost_center_aliases,
        list(alias order by priority) filter (where column_name = 'x_TagEnvironment') as environment_aliases,
        list(alias order by priority) filter (where column_name = 'x_TagApplication') as application_aliases,
    from hub_tag_aliases
),

keyed as (
    select
        texts.tags,
        list_reverse(json_extract_string(texts.tags, '$.*')) as tag_values,
        list_reverse(list_transform(json_keys(texts.tags), k -> lower(trim(k)))) as tag_names,
        aliases.*,
    from (select distinct tags from hub_tag_texts where tags is not null) as texts
    cross join aliases
),

final as (
    select
        tags,
        hub_tag_pick(tag_values, tag_names, cost_center_aliases) as x_TagCostCenter,
        hub_tag_pick(tag_values, tag_names, environment_aliases) as x_TagEnvironment,
        hub_tag_pick(tag_values, tag_names, application_aliases) as x_TagApplication,
    from keyed
)

select * from final;

create or replace temp table hub_sku_price_texts as

select
    SkuPriceDetails as source_details,
    hub_sku_price_details(SkuPriceDetails) as details,
from hub_cost_texts
where is_sku_price_details and SkuPriceDetails is not null;
