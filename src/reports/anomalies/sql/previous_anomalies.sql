-- The anomalies of relation `published_anomalies` (an Anomalies dataset folder), keyed as the detector keys them:
-- day, metric and the series' dimensions as JSON text.
select distinct
    strftime(x_ChargeDate, '%Y-%m-%d') as date,
    x_Metric as metric,
    x_Dimensions as dimensions
from published_anomalies
