-- Rows with counted tokens of relation `token_source` (AIUnitEconomics or CostAllocation rows, tokenRowsSql.ts), for
-- `finops-hub tokens` and the report: the dimensions `--by` chooses from (named as the option spells them), tokens and
-- effective cost, and the token counts behind the cache-hit ratio (cached input / all input: uncached + cache read +
-- cache write) and the batch share (Batch-tier tokens / all tokens). $month (YYYY-MM, or null for every month) filters
-- on the UTC charge day.
with token_rows as (
    select * from token_source
    where x_TokenCount is not null
        and ($month::varchar is null or strftime(x_ChargeDate, '%Y-%m') = $month::varchar)
),
final as (
    select
        x_ModelId as model,
        x_ModelVersion as version,
        x_ModelFamily as family,
        x_ModelDeveloper as developer,
        case
            when x_TokenDirection = 'Output' then 'output'
            when x_TokenDirection = 'Input' and x_CacheAction = 'Read' then 'cached input'
            when x_TokenDirection = 'Input' and x_CacheAction = 'Write' then 'cache write'
            when x_TokenDirection = 'Input' then 'input'
            else 'other'
        end as direction,
        x_DeploymentType as deployment,
        x_ProcessingTier as tier,
        x_AIWorkload as workload,
        x_ChargeDate as day,
        BillingCurrency as currency,
        SubAccountName as subaccount,
        ResourceName as resource,
        x_TagCostCenter as costcenter,
        x_TagEnvironment as environment,
        x_TagApplication as application,
        x_DeploymentName as deploymentname,
        x_Consumer as consumer,
        x_TokenCount as tokens,
        EffectiveCost as effective_cost,
        case when x_TokenDirection = 'Input' then x_TokenCount else 0 end as input_tokens,
        case when x_TokenDirection = 'Input' and x_CacheAction = 'Read' then x_TokenCount else 0 end as cached_tokens,
        case when x_ProcessingTier = 'Batch' then x_TokenCount else 0 end as batch_tokens
    from token_rows
)
select * from final
