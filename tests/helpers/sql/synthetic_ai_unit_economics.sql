-- Synthetic AIUnitEconomics rows for the detector and forecast quality tests: one row per series, day and cache
-- action. $series and $events are JSON arrays (see syntheticHistory.ts); $seed makes the noise deterministic.
-- Cost at base price = level × e^(trend × day) × weekday factor × lognormal noise × usage events; a bursty series is
-- also multiplied by a heavy-tailed burst factor. Tokens follow from the base price; the price multiplier (price
-- changes) applies to cost only, so cost per 1M tokens moves with price and, for input, with the cached share.
create or replace table synthetic_ai_unit_economics as
with series as (
    select unnest(from_json($series::json, '[{"id":"INTEGER","model":"VARCHAR","direction":"VARCHAR",
        "deployment":"VARCHAR","costCenter":"VARCHAR","application":"VARCHAR","environment":"VARCHAR",
        "level":"DOUBLE","weekend":"DOUBLE","trend":"DOUBLE","noise":"DOUBLE","price":"DOUBLE",
        "cachedShare":"DOUBLE","bursty":"BOOLEAN"}]'), recursive := true)
),
events as (
    select unnest(from_json($events::json, '[{"series":"INTEGER","day":"INTEGER","kind":"VARCHAR","factor":"DOUBLE"}]'),
        recursive := true)
),
days as (
    select range as day, $start::date + range::integer as charge_date from range($days::integer)
),
uniforms as (
    select
        s.*,
        days.day,
        days.charge_date,
        (hash($seed::bigint, s.id, days.day, 1) % 1000000 + 0.5) / 1000000 as u1,
        (hash($seed::bigint, s.id, days.day, 2) % 1000000 + 0.5) / 1000000 as u2,
        (hash($seed::bigint, s.id, days.day, 3) % 1000000 + 0.5) / 1000000 as u3,
        (hash($seed::bigint, s.id, days.day, 4) % 1000000 + 0.5) / 1000000 as u4
    from series as s
    cross join days
),
factors as (
    select
        u.*,
        sqrt(-2 * ln(u1)) * cos(2 * pi() * u2) as z1,
        sqrt(-2 * ln(u3)) * cos(2 * pi() * u4) as z2,
        coalesce((select product(ev.factor) from events as ev
            where ev.series = u.id and ((ev.kind in ('spike', 'drop') and ev.day = u.day)
                or (ev.kind = 'levelShift' and ev.day <= u.day))), 1) as usage_factor,
        coalesce((select product(ev.factor) from events as ev
            where ev.series = u.id and ev.kind = 'priceChange' and ev.day <= u.day), 1) as price_factor
    from uniforms as u
),
daily as (
    select
        *,
        level * exp(trend * day) * (case when isodow(charge_date) in (6, 7) then weekend else 1 end)
            * exp(noise * z1) * usage_factor
            * (case when not bursty then 1 when u3 < 0.25 then 4 + 8 * u4 when u3 < 0.55 then 0 else 0.15 + 0.3 * u4 end)
            as base_cost,
        greatest(0, least(0.9, cachedShare * (1 + 0.2 * z2))) as cached_share
    from factors
),
tokens as (
    select *, base_cost / price * 1000000 as all_tokens from daily
),
split as (
    select *, 'Uncached' as cache_action, all_tokens * (1 - cached_share) as tokens, price as unit_price from tokens
    union all
    select *, 'Read', all_tokens * cached_share, price * 0.25 from tokens
    where direction = 'Input' and cachedShare > 0
)
select
    charge_date as x_ChargeDate,
    'USD' as BillingCurrency,
    model as x_ModelId,
    direction as x_TokenDirection,
    case when direction = 'Input' then cache_action end as x_CacheAction,
    deployment as x_DeploymentType,
    'Standard' as x_ProcessingTier,
    'Inference' as x_AIWorkload,
    'Blocks' as x_QuantityScaleDetected,
    costCenter as x_TagCostCenter,
    environment as x_TagEnvironment,
    application as x_TagApplication,
    round(tokens, 0)::decimal(38, 6) as x_TokenCount,
    round(tokens / 1000000 * unit_price * price_factor, 10)::decimal(38, 18) as EffectiveCost
from split
