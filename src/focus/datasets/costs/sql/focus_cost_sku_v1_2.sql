-- SkuMeter and SkuPriceDetails null where FOCUS 1.2 requires it: SkuMeter when SkuId is null (SkuMeter-C-004-C),
-- SkuPriceDetails when SkuPriceId is null (SkuPriceDetails-C-004-C); Cost Management fills them anyway. Nothing is
-- lost: the export's meter name and SKU details text follow at the end of the row as x_SkuMeterName and x_SkuDetails
-- (the names FOCUS 1.0 exports and the FinOps toolkit's reports use). Runs after the AI and tag steps, which read the
-- meter name. Reads relation focus_cost_tags.
with

final as (
    select
        * exclude (x_SkuDetails) replace (
            case when SkuId is not null then SkuMeter end as SkuMeter,
            case when SkuPriceId is not null then SkuPriceDetails end as SkuPriceDetails,
            nullif(concat_ws(
                ',',
                x_SourceChanges,
                case when SkuId is null and SkuMeter is not null then 'SkuMeterWithoutSkuId' end,
                case
                    when SkuPriceId is null and SkuPriceDetails is not null then 'SkuPriceDetailsWithoutSkuPriceId'
                end
            ), '') as x_SourceChanges
        ),
        SkuMeter as x_SkuMeterName,
        x_SkuDetails,
    from focus_cost_tags
)

select * from final
