-- Rows of the Anomalies dataset from $anomalies and $incidents, the JSON arrays findIncidents.ts returns, for one scope
-- ($scope) computed from AIUnitEconomics run $source_run_id: one row per anomaly (a series-day of an incident), with
-- its incident's columns. Amounts are exact decimal text in the JSON and DECIMAL(38, 18) here; dimensions stay as a
-- JSON object and are also spread into their own columns (null when the series is not cut by that column, or for
-- untagged costs: x_Dimensions tells the two apart).
with days as (
    select unnest(
        from_json($anomalies::json, '[{"date":"DATE","metric":"VARCHAR","currency":"VARCHAR","dimensions":"JSON",
            "actual":"VARCHAR","expected":"VARCHAR","lower":"VARCHAR","upper":"VARCHAR","score":"DOUBLE",
            "direction":"VARCHAR","incident":"VARCHAR"}]'),
        recursive := true
    )
),
incidents as (
    select unnest(
        from_json($incidents::json, '[{"id":"VARCHAR","start":"DATE","end":"DATE","kind":"VARCHAR",
            "metric":"VARCHAR","impact":"VARCHAR","peakScore":"DOUBLE","rootCauses":"JSON"}]'),
        recursive := true
    )
),
final as (
    select
        days."date" as x_ChargeDate,
        days.metric as x_Metric,
        days.currency as BillingCurrency,
        days.dimensions::varchar as x_Dimensions,
        days.dimensions ->> 'x_ModelId' as x_ModelId,
        days.dimensions ->> 'x_TokenDirection' as x_TokenDirection,
        days.dimensions ->> 'x_DeploymentType' as x_DeploymentType,
        days.dimensions ->> 'x_TagCostCenter' as x_TagCostCenter,
        days.dimensions ->> 'x_TagApplication' as x_TagApplication,
        days.dimensions ->> 'x_TagEnvironment' as x_TagEnvironment,
        days.actual::decimal(38, 18) as x_Actual,
        days.expected::decimal(38, 18) as x_Expected,
        days.lower::decimal(38, 18) as x_Lower,
        days.upper::decimal(38, 18) as x_Upper,
        days.score as x_Score,
        days.direction as x_Direction,
        incidents.id as x_IncidentId,
        incidents.kind as x_IncidentKind,
        incidents.metric as x_IncidentMetric,
        incidents.start as x_IncidentStart,
        incidents."end" as x_IncidentEnd,
        incidents.impact::decimal(38, 18) as x_IncidentImpact,
        incidents.peakScore as x_IncidentPeakScore,
        (incidents.rootCauses -> 0 -> 'dimensions')::varchar as x_TopRootCause,
        incidents.rootCauses::varchar as x_RootCauses,
        $scope::varchar as x_Scope,
        $source_run_id::varchar as x_SourceRunId
    from days
    join incidents on incidents.id = days.incident
)
select * from final
order by x_ChargeDate, x_Metric, x_Dimensions
