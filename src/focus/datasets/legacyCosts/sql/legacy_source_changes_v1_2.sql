-- The last step of a legacy part: the codes legacy_cost_v1_2.sql recorded in the working column
-- x_LegacySourceChanges join x_SourceChanges (after the shared steps' own codes), and the working column goes, so a
-- converted legacy part has exactly the columns of a converted FocusCost part. Reads `cost_final`.
with

final as (
    select
        * exclude (x_LegacySourceChanges) replace (
            nullif(concat_ws(',', x_SourceChanges, x_LegacySourceChanges), '') as x_SourceChanges
        ),
    from cost_final
)

select * from final
