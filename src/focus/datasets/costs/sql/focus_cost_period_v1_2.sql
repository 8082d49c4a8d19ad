-- Flags the corrections (ChargeClass Correction: refunds, cancellations, corrections of earlier billing periods) dated
-- before the run's period, which the hub keeps in the run's month (docs/reconciliation.md "Charge dates"):
-- x_SourceChanges gains CorrectionOutsidePeriod. Any other row outside the period fails the part (ChargeOutsidePeriod).
-- Reads cost_undated; session variable hub_period_start (null when the run's period is unknown: nothing is flagged).
with

final as (
    select
        * replace (
            case
                when ChargeClass = 'Correction'
                    and timezone('UTC', ChargePeriodStart)::date < getvariable('hub_period_start')::date
                    then concat_ws(',', x_SourceChanges, 'CorrectionOutsidePeriod')
                else x_SourceChanges
            end as x_SourceChanges
        ),
    from cost_undated
)

select * from final
