-- AIAccountCosts dataset rows: the partials of a run's parts (relation `ai_account_costs_partials`,
-- ai_account_costs_v1_2.sql output) summed again per group.
with

final as (
    select
        * exclude (PricingQuantity, x_TokenCount, BilledCost, EffectiveCost, x_RowCount),
        sum(PricingQuantity)::decimal(38, 18) as PricingQuantity,
        sum(x_TokenCount)::decimal(38, 6) as x_TokenCount,
        sum(BilledCost)::decimal(38, 18) as BilledCost,
        sum(EffectiveCost)::decimal(38, 18) as EffectiveCost,
        sum(x_RowCount)::bigint as x_RowCount,
    from ai_account_costs_partials
    group by all
)

select * from final
