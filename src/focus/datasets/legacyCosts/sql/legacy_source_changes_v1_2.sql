-- The last step of a legacy part: the codes legacy_cost_v1_2.sql recorded in the working column
-- x_LegacySourceChanges join x_SourceChanges (after the shared steps' own codes), and the working column goes, so a
-- converted legacy part has exactly the columns of a converted FocusCost part. Reads `focus_cost_tags`.
with

final as (
    select
        * exclude (x_LegacySourceChanges) replace (
            nullif(concat_ws(',', x_SourceChanges, x_LegacySourceChanges), '') as x_SourceChanges
        ),
    from focus_cost_tags
)

select * from final
