-- AIProvisioned: provisioned economics per day × account × provisioned deployment.
-- Cost: the account's provisioned cost of the deployment's type that day (relation `account_ptu`) split among its
-- provisioned deployments of that type (relation `deployment_days`) by PTU-hours, exactly (largest remainder); a
-- legacy meter naming no type is split among all of them. Cost with no provisioned deployment to carry it is kept on
-- a row without deployment (NoTelemetry); a deployment with PTU-hours and no provisioned cost that day has a null cost
-- (NoBilling). Tokens: metered on the deployment itself (relation `token_usage`, consumer splits summed back);
-- requests that spilled over are billed per token on the spillover deployment and counted there, so they are only
-- reported here (x_SpilloverRequests, and x_SpilloverTokens: the target's tokens × spilled ÷ target requests, an
-- estimate). Pay-as-you-go equivalent: uncached input, cached input and output × the retail price per token of the
-- model, version and deployment type (relation `capacity_retail_prices`: the account's region first, then eastus2,
-- then any; a versioned price first, then the family's). Savings = equivalent − cost (positive: the PTU saved money).
-- Break-even utilization = utilization × cost ÷ equivalent: the mean utilization at which the same cost would buy
-- tokens worth exactly their pay-as-you-go price.
with

provisioned_days as (
    select * from deployment_days where x_IsProvisioned
),

targets as (
    select
        costs.*,
        list(days.x_DeploymentName order by days.x_DeploymentName) filter (where days.x_DeploymentName is not null)
            as deployments,
        list(coalesce(days.x_PtuHours, 0)::hugeint order by days.x_DeploymentName)
            filter (where days.x_DeploymentName is not null) as weights,
        sum(days.x_PtuHours) as deployed_hours,
    from account_ptu as costs
    left join provisioned_days as days
        on days.ResourceId = costs.ResourceId
        and days.x_ChargeDate = costs.x_ChargeDate
        and (costs.deployment_type = 'Provisioned' or days.x_DeploymentType = costs.deployment_type)
    group by all
),

split as (
    select
        *,
        coalesce(list_sum(weights), 0) > 0 as splittable,
    from targets
),

cost_rows as (
    select
        x_ChargeDate, BillingCurrency, ResourceId,
        unnest(deployments) as x_DeploymentName,
        unnest(hub_split(hub_units(effective_cost), weights)) as effective_units,
        unnest(hub_split(hub_units(billed_cost), weights)) as billed_units,
        unnest(hub_split(hub_units(unused_cost), weights)) as unused_units,
        case when billed_hours is not null and deployed_hours is not null and billed_hours <> deployed_hours
            then 'PtuHoursMismatch' end as flags,
        billed_hours,
    from split
    where splittable
    union all
    select
        x_ChargeDate, BillingCurrency, ResourceId, null,
        hub_units(effective_cost), hub_units(billed_cost), hub_units(unused_cost), 'NoTelemetry', billed_hours,
    from split
    where not splittable
),

deployment_costs as (
    select
        x_ChargeDate, BillingCurrency, ResourceId, x_DeploymentName,
        sum(effective_units) as effective_units,
        sum(billed_units) as billed_units,
        sum(unused_units) as unused_units,
        string_agg(distinct flags, ',') as flags,
    from cost_rows
    group by all
),

tokens as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName,
        sum(x_TokenCount) filter (where x_TokenDirection = 'Input') as input_tokens,
        sum(x_CachedTokenCount) filter (where x_TokenDirection = 'Input') as cached_tokens,
        sum(x_TokenCount) filter (where x_TokenDirection = 'Output') as output_tokens,
    from token_usage
    where ResourceId is not null
        and coalesce(x_Flags, '') not like '%NoMeteredTokens%'
    group by all
),

-- spilled requests: on the deployment's own series, or on its spillover target's
spilled as (
    select
        days.x_ChargeDate, days.ResourceId, days.x_DeploymentName,
        days.x_SpilloverRequests + coalesce(target.x_SpilloverRequests, 0) as spillover_requests,
        target.x_Requests as target_requests,
        target_tokens.tokens as target_tokens,
    from provisioned_days as days
    left join deployment_days as target
        on target.ResourceId = days.ResourceId
        and target.x_ChargeDate = days.x_ChargeDate
        and target.x_DeploymentName = days.x_SpilloverDeploymentName
        and target.x_DeploymentName <> days.x_DeploymentName
    left join (
        select x_ChargeDate, ResourceId, x_DeploymentName, sum(x_TokenCount) as tokens
        from token_usage where ResourceId is not null group by all
    ) as target_tokens
        on target_tokens.ResourceId = days.ResourceId
        and target_tokens.x_ChargeDate = days.x_ChargeDate
        and target_tokens.x_DeploymentName = days.x_SpilloverDeploymentName
),

rows as (
    select
        coalesce(costs.x_ChargeDate, days.x_ChargeDate) as x_ChargeDate,
        costs.BillingCurrency,
        coalesce(costs.ResourceId, days.ResourceId) as ResourceId,
        coalesce(costs.x_DeploymentName, days.x_DeploymentName) as x_DeploymentName,
        days.x_DeploymentType,
        days.x_DeploymentSku,
        days.x_ModelName,
        days.x_ModelVersion,
        days.RegionId,
        days.x_DeploymentCapacity,
        days.x_PtuHours,
        days.x_UtilizationMean,
        days.x_UtilizationP95,
        days.x_SpilloverDeploymentName,
        costs.effective_units,
        costs.billed_units,
        costs.unused_units,
        concat_ws(',',
            costs.flags,
            case when costs.ResourceId is null then 'NoBilling' end,
            days.x_InventoryFlags
        ) as flags,
    from deployment_costs as costs
    full join provisioned_days as days using (x_ChargeDate, ResourceId, x_DeploymentName)
),

with_tokens as (
    select
        rows.*,
        coalesce(tokens.input_tokens, 0) - coalesce(tokens.cached_tokens, 0) as uncached_tokens,
        coalesce(tokens.cached_tokens, 0) as cached_tokens,
        coalesce(tokens.output_tokens, 0) as output_tokens,
        spilled.spillover_requests,
        case when spilled.target_requests > 0 and spilled.target_tokens is not null then
            round(spilled.target_tokens * least(spilled.spillover_requests / spilled.target_requests, 1))
        end as spillover_tokens,
    from rows
    left join tokens using (x_ChargeDate, ResourceId, x_DeploymentName)
    left join spilled using (x_ChargeDate, ResourceId, x_DeploymentName)
),

-- retail price per token by direction: best-ranked candidate
candidates as (
    select
        with_tokens.x_ChargeDate, with_tokens.ResourceId, with_tokens.x_DeploymentName,
        prices.direction, prices.cache_action, prices.price_per_token,
        (case when prices.region = lower(with_tokens.RegionId) then 0 when prices.region = 'eastus2' then 1 else 2 end)
            * 2 + case when prices.model_version = with_tokens.x_ModelVersion then 0 else 1 end as price_rank,
    from with_tokens
    join capacity_retail_prices as prices
        on prices.model = lower(with_tokens.x_ModelName)
        and prices.deployment_type = with_tokens.x_DeploymentType
        and (prices.model_version = with_tokens.x_ModelVersion or prices.model_version is null)
),

prices as (
    select
        x_ChargeDate, ResourceId, x_DeploymentName,
        min(price_per_token) filter (where direction = 'Input' and cache_action = 'Uncached' and rank_in = 1)
            as input_price,
        min(price_per_token) filter (where direction = 'Input' and cache_action = 'Read' and rank_cached = 1)
            as cached_price,
        min(price_per_token) filter (where direction = 'Output' and rank_out = 1) as output_price,
    from (
        select
            *,
            price_rank = min(price_rank) filter (where direction = 'Input' and cache_action = 'Uncached')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_in,
            price_rank = min(price_rank) filter (where direction = 'Input' and cache_action = 'Read')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_cached,
            price_rank = min(price_rank) filter (where direction = 'Output')
                over (partition by x_ChargeDate, ResourceId, x_DeploymentName) as rank_out,
        from candidates
    )
    group by all
),

valued as (
    select
        with_tokens.*,
        prices.input_price,
        coalesce(prices.cached_price, prices.input_price) as cached_price,
        prices.output_price,
        hub_multiply(uncached_tokens::decimal(38, 18), prices.input_price) as input_value,
        hub_multiply(cached_tokens::decimal(38, 18), coalesce(prices.cached_price, prices.input_price))
            as cached_value,
        hub_multiply(output_tokens::decimal(38, 18), prices.output_price) as output_value,
        hub_from_units(effective_units) as effective_cost,
    from with_tokens
    left join prices using (x_ChargeDate, ResourceId, x_DeploymentName)
),

equivalent as (
    select
        *,
        case
            when (uncached_tokens > 0 and input_value is null) or (cached_tokens > 0 and cached_value is null)
                or (output_tokens > 0 and output_value is null) then null
            else coalesce(input_value, 0) + coalesce(cached_value, 0) + coalesce(output_value, 0)
        end::decimal(38, 18) as payg,
        uncached_tokens + cached_tokens + output_tokens as tokens,
    from valued
),

-- the cost by direction, in proportion to what each direction's tokens are worth, in millionths (by tokens without
-- prices)
directed as (
    select
        *,
        case
            when effective_units is null then null
            when payg > 0 then hub_split(
                effective_units,
                list_transform([input_value, cached_value, output_value], v -> round(coalesce(v, 0) * 1000000)::hugeint)
            )
            else hub_split(
                effective_units,
                [uncached_tokens::hugeint, cached_tokens::hugeint, output_tokens::hugeint]
            )
        end as direction_units,
    from equivalent
),

final as (
    select
        x_ChargeDate,
        BillingCurrency,
        getvariable('capacity_subscription') as SubAccountId,
        ResourceId,
        regexp_extract(ResourceId, '/accounts/([^/]+)$', 1) as ResourceName,
        x_DeploymentName,
        x_DeploymentType,
        x_DeploymentSku,
        x_ModelName,
        x_ModelVersion,
        x_DeploymentCapacity,
        x_PtuHours,
        effective_cost as EffectiveCost,
        hub_from_units(billed_units) as BilledCost,
        hub_from_units(unused_units) as x_UnusedReservationCost,
        uncached_tokens::decimal(38, 6) as x_InputTokens,
        cached_tokens::decimal(38, 6) as x_CachedInputTokens,
        output_tokens::decimal(38, 6) as x_OutputTokens,
        tokens::decimal(38, 6) as x_TokenCount,
        case when tokens > 0 and effective_cost is not null then
            hub_divide(hub_multiply(effective_cost, 1000000), tokens::decimal(38, 18))
        end as x_EffectiveCostPer1MTokens,
        x_UtilizationMean,
        x_UtilizationP95,
        hub_multiply(input_price, 1000000) as x_PaygInputPricePer1M,
        hub_multiply(cached_price, 1000000) as x_PaygCachedInputPricePer1M,
        hub_multiply(output_price, 1000000) as x_PaygOutputPricePer1M,
        payg as x_PaygEquivalentCost,
        case when effective_cost is not null then payg - effective_cost end::decimal(38, 18) as x_Savings,
        case when payg > 0 and effective_cost is not null and x_UtilizationMean is not null then
            hub_divide(hub_multiply(x_UtilizationMean::decimal(38, 18), effective_cost), payg)
        end as x_BreakEvenUtilization,
        hub_from_units(direction_units[1]) as x_InputEffectiveCost,
        hub_from_units(direction_units[2]) as x_CachedInputEffectiveCost,
        hub_from_units(direction_units[3]) as x_OutputEffectiveCost,
        x_SpilloverDeploymentName,
        coalesce(spillover_requests, 0)::decimal(38, 6) as x_SpilloverRequests,
        spillover_tokens::decimal(38, 6) as x_SpilloverTokens,
        nullif(concat_ws(',',
            nullif(flags, ''),
            case when payg is null and tokens > 0 then 'NoRetailPrice' end
        ), '') as x_Flags,
        getvariable('capacity_run') as x_SourceRunId,
    from directed
)

select * from final
