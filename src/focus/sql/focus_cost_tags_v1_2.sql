-- FOCUS 1.2 cost rows with the allocation tag columns: all focus_cost_ai columns in order, then x_TagCostCenter,
-- x_TagEnvironment and x_TagApplication. Tags is already a valid JSON object or null (focus_cost_v1_2.sql wraps legacy
-- tags and flags malformed ones InvalidTags), so no row can fail here. A column takes the value of the first alias in
-- `hub_tag_aliases` (column_name, alias in lower case, priority) that names a tag key with a non-empty value; keys are
-- compared in lower case with surrounding spaces ignored. Only matched keys are extracted from the JSON.
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
        json_keys(focus_cost_ai.Tags) as tag_keys,
        list_transform(json_keys(focus_cost_ai.Tags), k -> lower(trim(k))) as tag_names,
        aliases.cost_center_aliases,
        aliases.environment_aliases,
        aliases.application_aliases
    from focus_cost_ai
    cross join aliases
),
final as (
    select
        * exclude (tag_keys, tag_names, cost_center_aliases, environment_aliases, application_aliases),
        list_filter(
            list_transform(
                list_filter(cost_center_aliases, a -> list_contains(tag_names, a)),
                a -> nullif(trim(json_extract_string(Tags, '$.' || to_json(tag_keys[list_position(tag_names, a)]))), '')
            ),
            v -> v is not null
        )[1] as x_TagCostCenter,
        list_filter(
            list_transform(
                list_filter(environment_aliases, a -> list_contains(tag_names, a)),
                a -> nullif(trim(json_extract_string(Tags, '$.' || to_json(tag_keys[list_position(tag_names, a)]))), '')
            ),
            v -> v is not null
        )[1] as x_TagEnvironment,
        list_filter(
            list_transform(
                list_filter(application_aliases, a -> list_contains(tag_names, a)),
                a -> nullif(trim(json_extract_string(Tags, '$.' || to_json(tag_keys[list_position(tag_names, a)]))), '')
            ),
            v -> v is not null
        )[1] as x_TagApplication
    from keyed
)
select * from final
