-- FOCUS 1.2 cost rows with the AI unit-economics columns: all focus_cost columns in order, then the AI columns (null
-- on rows whose meter is not an AI model meter). Reads relation `ai_token_scale` (ai_token_scale_v1_2.sql over
-- `ai_rows`). AI data-quality problems are appended to x_SourceChanges.
with flagged as (
    select
        *,
        string_split(coalesce(x_AIMeterFlags, ''), ';') as meter_flags
    from ai_token_scale
),
final as (
    select
        * exclude (
            meter_flags, x_IsTokenMeter, x_TokenBlockSize, x_AIMeterFlags,
            x_ModelDeveloper, x_ModelFamily, x_ModelId, x_ModelVersion, x_TokenDirection, x_CacheAction,
            x_DeploymentType, x_ProcessingTier, x_AIWorkload, x_TokenCount, x_QuantityScaleDetected,
            x_BilledCostPerMillionTokens, x_EffectiveCostPerMillionTokens, x_ListCostPerMillionTokens
        ) replace (
            nullif(concat_ws(
                ',',
                x_SourceChanges,
                case when list_contains(meter_flags, 'model-unknown') then 'AIModelUnknown' end,
                case when list_contains(meter_flags, 'direction-unknown') then 'AIDirectionUnknown' end,
                case when list_contains(meter_flags, 'version-code-unknown') then 'AIVersionCodeUnknown' end,
                case when x_QuantityScaleDetected = 'Unknown' and x_TokenCount is null then 'AIQuantityScaleUnknown' end
            ), '') as x_SourceChanges
        ),
        x_ModelDeveloper,
        x_ModelFamily,
        x_ModelId,
        x_ModelVersion,
        x_TokenDirection,
        x_CacheAction,
        x_DeploymentType,
        x_ProcessingTier,
        x_AIWorkload,
        x_TokenCount,
        x_QuantityScaleDetected,
        x_BilledCostPerMillionTokens,
        x_EffectiveCostPerMillionTokens,
        x_ListCostPerMillionTokens
    from flagged
)
select * from final
