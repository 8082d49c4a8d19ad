-- Rows of the Forecasts dataset from $forecasts, the JSON array forecastMonthEnd.ts returns, for one scope ($scope)
-- computed from AIUnitEconomics run $source_run_id. Amounts are exact decimal text in the JSON and DECIMAL(38, 18)
-- here; x_Lower and x_Upper bound the interval of level $level (null for a series of one day). A closed month's row
-- holds its total in all three.
with input as (
    select unnest(
        from_json($forecasts::json, '[{"month":"VARCHAR","currency":"VARCHAR","dimensions":"JSON","asOf":"DATE",
            "monthToDate":"VARCHAR","forecast":"VARCHAR","lower":"VARCHAR","upper":"VARCHAR","closed":"BOOLEAN"}]'),
        recursive := true
    )
),
final as (
    select
        month as x_Month,
        currency as BillingCurrency,
        dimensions::varchar as x_Dimensions,
        dimensions ->> 'x_ModelId' as x_ModelId,
        "asOf" as x_AsOfDate,
        monthToDate::decimal(38, 18) as x_MonthToDate,
        forecast::decimal(38, 18) as x_Forecast,
        lower::decimal(38, 18) as x_Lower,
        upper::decimal(38, 18) as x_Upper,
        $level::double as x_IntervalLevel,
        closed as x_MonthClosed,
        $scope::varchar as x_Scope,
        $source_run_id::varchar as x_SourceRunId
    from input
)
select * from final
order by x_Month, x_Dimensions
