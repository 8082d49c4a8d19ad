-- Synthetic reservation recommendations rows p_row_start .. p_row_end - 1 (table macro
-- `sample_reservation_recommendations`), EA and MCA columns side by side: row i recommends size (i / 2) % 3 for a
-- 1-year (i even) or 3-year term over a 30-day lookback ending on the run's last day. EA writes costs as numbers, MCA
-- as JSON with the currency. One size costs more reserved than not: its savings are negative. Needs sample_macros.sql.
create or replace temp macro sample_reservation_recommendations(
    p_seed, p_row_start, p_row_end, p_month_start, p_days, p_subscription_id, p_billing_account_id,
    p_billing_account_name, p_billing_profile_id
) as table

with

picked as (
    select
        i,
        (i // 2) % 3 as size_index,
        i % 2 = 0 as one_year,
        sample_scaled(50000 + hash(p_seed, i, 'cost') % 200000, 2) as cost_before,
    from range(p_row_start, p_row_end) as r(i)
),

costed as (
    select
        *,
        ['Standard_D4s_v3', 'Standard_E8s_v5', 'Standard_D2s_v5'][size_index + 1] as size,
        round(
            cost_before * case when size_index = 2 and one_year then 1.05 when one_year then 0.62 else 0.41 end,
            2
        )::decimal(38, 18) as cost_after,
    from picked
),

final as (
    select
        i as sample_row,
        size as SKU,
        size as SkuName,
        'eastus2' as Location,
        sample_decimal_text(cost_before) as CostWithNoReservedInstances,
        '{"value":' || sample_decimal_text(cost_before) || ',"currency":"USD"}' as "Cost With No ReservedInstances",
        (p_month_start::date + p_days - 30)::timestamp as FirstUsageDate,
        (p_month_start::date + p_days - 30)::timestamp as "First UsageDate",
        [1, 2, 0.5][size_index + 1]::decimal(38, 18) as InstanceFlexibilityRatio,
        [1, 2, 0.5][size_index + 1]::decimal(38, 18) as "Instance Flexibility Ratio",
        ['DSv3 Series', 'ESv5 Series', 'DSv5 Series'][size_index + 1] as InstanceFlexibilityGroup,
        ['DSv3 Series', 'ESv5 Series', 'DSv5 Series'][size_index + 1] as "Instance Flexibility Group",
        'Last30Days' as LookBackPeriod,
        sample_guid(p_seed, size) as MeterId,
        cost_before - cost_after as NetSavings,
        '{"value":' || sample_decimal_text(cost_before - cost_after) || ',"currency":"USD"}' as "Net Savings",
        size as NormalizedSize,
        size as "Normalized Size",
        (1 + i % 3)::decimal(38, 18) as RecommendedQuantity,
        (1 + i % 3)::decimal(38, 18) as "Recommended Quantity",
        ((1 + i % 3) * [1, 2, 0.5][size_index + 1])::decimal(38, 18) as RecommendedQuantityNormalized,
        ((1 + i % 3) * [1, 2, 0.5][size_index + 1])::decimal(38, 18) as "Recommended Quantity Normalized",
        'virtualmachines' as ResourceType,
        'Shared' as Scope,
        '[{"name":"Cores","value":"' || [4, 8, 2][size_index + 1] || '"}]' as SkuProperties,
        '[{"name":"Cores","value":"' || [4, 8, 2][size_index + 1] || '"}]' as "Sku Properties",
        case when one_year then 'P1Y' else 'P3Y' end as Term,
        sample_decimal_text(cost_after) as TotalCostWithReservedInstances,
        '{"value":' || sample_decimal_text(cost_after) || ',"currency":"USD"}' as "Total Cost With ReservedInstances",
    from costed
)

select * exclude (sample_row) from final order by sample_row
