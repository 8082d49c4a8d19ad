-- AI effective cost of report month $month by cost-allocation tag in billing currency $currency, from relation
-- `ai_unit_economics`: one row per tag column and value (null = untagged), with its % of the month's AI cost.
with month_rows as (
    select * from ai_unit_economics
    where BillingCurrency = $currency and strftime(x_ChargeDate, '%Y-%m') = $month
),
grouped as (
    select
        case
            when grouping(x_TagCostCenter) = 0 then 'x_TagCostCenter'
            when grouping(x_TagApplication) = 0 then 'x_TagApplication'
            else 'x_TagEnvironment'
        end as tag_column,
        -- in each grouping set the other two columns are null, so this is the grouped value (null = untagged)
        coalesce(x_TagCostCenter, x_TagApplication, x_TagEnvironment) as tag_value,
        sum(EffectiveCost) as effective_cost
    from month_rows
    group by grouping sets ((x_TagCostCenter), (x_TagApplication), (x_TagEnvironment))
),
final as (
    select
        tag_column,
        tag_value,
        effective_cost::varchar as effective_cost,
        round(100 * effective_cost / nullif(sum(effective_cost) over (partition by tag_column), 0), 1)::varchar
            as share,
        effective_cost as sort_cost
    from grouped
)
select * exclude (sort_cost) from final
order by tag_column, sort_cost desc, tag_value nulls last
