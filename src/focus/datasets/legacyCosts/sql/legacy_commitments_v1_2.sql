-- What an ActualCost run adds to a month that an AmortizedCost run also covers: only its commitment purchases and
-- refunds (x_AmortizationClass 'Principal'), since the amortized rows already hold all usage, amortized. Those rows
-- are no longer "not amortized" there, so that code leaves x_SourceChanges. Reads `supplement_costs` (Costs rows of
-- the actual run); the same rows filtered again are unchanged, so this can run on its own output.
with

final as (
    select
        * replace (
            nullif(
                array_to_string(
                    list_filter(string_split(x_SourceChanges, ','), code -> code <> 'CommitmentNotAmortized'), ','
                ),
                ''
            ) as x_SourceChanges
        ),
    from supplement_costs
    where x_AmortizationClass = 'Principal'
)

select * from final
