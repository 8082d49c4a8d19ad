-- Input of the AI token-scale step (relation `ai_rows`): every FOCUS cost row (relation cost_commitments), followed
-- by the AI attributes of its meter from temp table hub_ai_meters (loaded per part by loadAiMeters; only AI model
-- meters are in it, so all AI attributes are null on other rows). The join key is the meter as the classifier saw
-- it; nulls match nulls.
with meters as (
    select * from hub_ai_meters
),
final as (
    select
        focus_cost.*,
        meters.* exclude (x_SkuMeterId, SkuMeter, x_SkuMeterSubcategory, x_SkuMeterCategory)
    from cost_commitments as focus_cost
    left join meters
        on focus_cost.x_SkuMeterId is not distinct from meters.x_SkuMeterId
        and focus_cost.SkuMeter is not distinct from meters.SkuMeter
        and focus_cost.x_SkuMeterSubcategory is not distinct from meters.x_SkuMeterSubcategory
        and focus_cost.x_SkuMeterCategory is not distinct from meters.x_SkuMeterCategory
)
select * from final
