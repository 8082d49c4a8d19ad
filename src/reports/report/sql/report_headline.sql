-- The report month's AI totals in billing currency $currency, from relation `ai_unit_economics`: effective cost,
-- counted tokens, cost per 1M tokens (Σ cost of rows with counted tokens ÷ Σ tokens), the last charge day and the
-- number of AI rows.
with month_rows as (
    select * from ai_unit_economics
    where BillingCurrency = $currency and strftime(x_ChargeDate, '%Y-%m') = $month
),
final as (
    select
        coalesce(sum(EffectiveCost), 0)::varchar as effective_cost,
        coalesce(sum(x_TokenCount), 0)::varchar as tokens,
        (sum(EffectiveCost) filter (where x_TokenCount is not null) * 1000000 / nullif(sum(x_TokenCount), 0))
            ::decimal(38, 6)::varchar as cost_per_million,
        strftime(max(x_ChargeDate), '%Y-%m-%d') as as_of,
        count(*) as ai_rows
    from month_rows
)
select * from final
