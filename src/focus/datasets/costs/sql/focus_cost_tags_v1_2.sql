-- FOCUS 1.2 cost rows with the allocation tag columns: all focus_cost_ai columns in order, then x_TagCostCenter,
-- x_TagEnvironment and x_TagApplication. Tags is already a valid JSON object or null (focus_cost_v1_2.sql wraps legacy
-- tags and flags malformed ones InvalidTags), so no row can fail here. A column takes the value of the first alias in
-- `hub_tag_aliases` (column_name, alias in lower case, priority) that names a tag key with a non-empty value; keys are
-- compared in lower case with surrounding spaces ignored; of a key written twice the last value counts, as JSON parsers
-- (JSON.parse, Python, Power Query) read it. Each row's JSON is parsed twice (keys, and all values in the same order,
-- both reversed so that the first match is the last key), not once per matched alias.
with aliases as (
    select
        list(alias order by priority) filter (where column_name = 'x_TagCostCenter') as cost_center_aliases,
        list(alias order by priority) filter (where column_name = 'x_TagEnvironment') as environment_aliases,
        list(alias order by priority) filter (where column_name = 'x_TagApplication') as application_aliases
    from hub_tag_aliases
),
keyed as (
    select
        focus_cost_ai.*,
        list_reverse(json_extract_string(focus_cost_ai.Tags, '$.*')) as tag_values,
        list_reverse(list_transform(json_keys(focus_cost_ai.Tags), k -> lower(trim(k)))) as tag_names,
        aliases.cost_center_aliases,
        aliases.environment_aliases,
        aliases.application_aliases
    from focus_cost_ai
    cross join aliases
),
final as (
    select
        * exclude (tag_values, tag_names, cost_center_aliases, environment_aliases, application_aliases),
        hub_tag_pick(tag_values, tag_names, cost_center_aliases) as x_TagCostCenter,
        hub_tag_pick(tag_values, tag_names, environment_aliases) as x_TagEnvironment,
        hub_tag_pick(tag_values, tag_names, application_aliases) as x_TagApplication
    from keyed
)
select * from final
