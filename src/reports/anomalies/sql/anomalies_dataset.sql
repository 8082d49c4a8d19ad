-- Rows of the Anomalies dataset from $anomalies, the JSON array the detector returns (detectAnomalies.ts), for one
-- scope ($scope) computed from AIUnitEconomics run $source_run_id. Amounts are exact decimal text in the JSON and
-- DECIMAL(38, 18) here; the series' dimensions stay as a JSON object and are also spread into their own columns
-- (null when the series is not cut by that column, or for untagged costs: x_Dimensions tells the two apart).
with input as (
    select unnest(
        from_json($anomalies::json, '[{"date":"DATE","metric":"VARCHAR","currency":"VARCHAR","dimensions":"JSON",
            "actual":"VARCHAR","expected":"VARCHAR","lower":"VARCHAR","upper":"VARCHAR","score":"DOUBLE",
            "direction":"VARCHAR"}]'),
        recursive := true
    )
),
final as (
    select
        "date" as x_ChargeDate,
        metric as x_Metric,
        currency as BillingCurrency,
        dimensions::varchar as x_Dimensions,
        dimensions ->> 'x_ModelId' as x_ModelId,
        dimensions ->> 'x_TokenDirection' as x_TokenDirection,
        dimensions ->> 'x_DeploymentType' as x_DeploymentType,
        dimensions ->> 'x_TagCostCenter' as x_TagCostCenter,
        dimensions ->> 'x_TagApplication' as x_TagApplication,
        dimensions ->> 'x_TagEnvironment' as x_TagEnvironment,
        actual::decimal(38, 18) as x_Actual,
        expected::decimal(38, 18) as x_Expected,
        lower::decimal(38, 18) as x_Lower,
        upper::decimal(38, 18) as x_Upper,
        score as x_Score,
        direction as x_Direction,
        $scope::varchar as x_Scope,
        $source_run_id::varchar as x_SourceRunId
    from input
)
select * from final
order by x_ChargeDate, x_Metric, x_Dimensions
