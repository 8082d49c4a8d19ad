-- FOCUS 1.2 cost rows with the allocation tag columns: all focus_cost_ai columns in order, then x_TagCostCenter,
-- x_TagEnvironment and x_TagApplication, read once per distinct Tags object (temp table hub_tag_values,
-- cost_json_texts_v1_2.sql) and joined back; null where Tags is null or names none of the aliases.
with

final as (
    select
        focus_cost_ai.*,
        tag_values.x_TagCostCenter,
        tag_values.x_TagEnvironment,
        tag_values.x_TagApplication,
    from focus_cost_ai
    left join hub_tag_values as tag_values
        on tag_values.tags = focus_cost_ai.Tags
)

select * from final
