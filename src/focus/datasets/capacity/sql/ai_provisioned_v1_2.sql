-- AIProvisioned: provisioned economics per day × account × provisioned deployment.
-- Cost: each deployment's share of its account's provisioned cost (relation `deployment_costs`,
-- capacity_ptu_split.sql); a deployment with PTU-hours and no provisioned cost that day has a null cost (NoBilling).
-- Tokens: metered on the deployment itself (relation `token_usage`, consumer splits summed back); requests that
-- spilled over are billed per token on the spillover deployment and counted there, so they are only reported here
-- (x_SpilloverRequests, and x_SpilloverTokens: the target's tokens × spilled ÷ target requests, an estimate).
-- Pay-as-you-go equivalent: uncached input, cached input and output × the retail price per token of the model,
-- version and deployment type (relation `payg_prices`, capacity_payg_prices.sql), in the retail snapshot's currency
-- (variable capacity_retail_currency). Savings = equivalent − cost (positive: the PTU saved money). Break-even
-- utilization = utilization × cost ÷ equivalent: the mean utilization at which the same cost would buy tokens worth
-- exactly their pay-as-you-go price. Both only where the billing currency is the retail one: two currencies are never
-- added (PaygCurrencyDiffers).
with

provisioned_days as (
    select * from deployment_days where x_IsProvisioned
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
    left join payg_prices as prices using (x_ChargeDate, ResourceId, x_DeploymentName)
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
        getvariable('capacity_retail_currency') as x_PaygCurrency,
        case when effective_cost is not null and same_currency then payg - effective_cost end::decimal(38, 18)
            as x_Savings,
        case when payg > 0 and effective_cost is not null and same_currency and x_UtilizationMean is not null then
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
            case when payg is null and tokens > 0 then 'NoRetailPrice' end,
            case when payg is not null and effective_cost is not null and not same_currency
                then 'PaygCurrencyDiffers' end
        ), '') as x_Flags,
        getvariable('capacity_run') as x_SourceRunId,
    from (
        select *, BillingCurrency is not distinct from getvariable('capacity_retail_currency') as same_currency
        from directed
    )
)

select * from final
