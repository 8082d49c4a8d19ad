-- The rows of one legacy export run that belong in a month the other legacy export type also covers
-- (docs/legacy-costs.md "Actual and amortized together"), marked hub_kept (never null: each row is kept or left out):
-- of an ActualCost run only its commitment purchases and refunds (x_AmortizationClass 'Principal'), since the amortized
-- rows hold all usage, amortized; of an AmortizedCost run everything else, since the actual rows bill the purchases as
-- invoiced. Kept rows are no longer "not amortized" there, so that code leaves x_SourceChanges; filtering kept rows
-- again changes nothing. Reads `composed_costs` (Costs rows of the run); session variable hub_compose_side:
-- 'ActualCost' or 'AmortizedCost'.
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
        coalesce(x_AmortizationClass = 'Principal', false) = (getvariable('hub_compose_side') = 'ActualCost')
            as hub_kept,
    from composed_costs
)

select * from final
