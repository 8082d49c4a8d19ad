-- The columns FinOps hubs add to Costs (IngestionSetup_v1_2.kql, Costs_final_v1_2), at the end of the row. Reads
-- relation cost_sku and the one-row table hub_cost_source (loadCostSource: what the export is, when it was read).
--   x_InvoiceId, x_PricingCurrency: copies of InvoiceId and PricingCurrency under their FOCUS 1.0 names.
--   x_BillingAccountAgreement: MOSA when the billing account is the subscription; EA when x_BillingAccountId equals
--     x_BillingProfileId (the enrollment); else MCA when Microsoft issues the invoice and MPA when a partner does
--     (the toolkit's storage report rule; its KQL has no MPA/MOSA). Other providers: ProviderName, as the KQL does.
--   Savings, in BillingCurrency, the toolkit's formulas: 0 when the difference is below 0.0001 (so negative and
--     refund rows save 0) or the first cost is 0. Also 0 on commitment purchases, whose EffectiveCost is 0 by design
--     (the toolkit reports the whole purchase as saved), and on unused commitment rows (nothing was used: their
--     cost is waste, not savings).
with

source as (
    select * from hub_cost_source
),

saving as (
    select
        cost_sku.*,
        coalesce(ChargeCategory = 'Purchase' and CommitmentDiscountId is not null, false)
            or coalesce(CommitmentDiscountStatus = 'Unused', false) as saves_nothing,
    from cost_sku
),

final as (
    select
        saving.* exclude (saves_nothing),
        InvoiceId as x_InvoiceId,
        PricingCurrency as x_PricingCurrency,
        source.x_SourceName,
        source.x_SourceProvider,
        source.x_SourceType,
        source.x_SourceVersion,
        source.x_IngestionTime,
        case
            when ProviderName <> 'Microsoft' then ProviderName
            when BillingAccountId = SubAccountId or starts_with(lower(BillingAccountId), '/subscriptions/') then 'MOSA'
            when x_BillingAccountId = x_BillingProfileId then 'EA'
            when x_BillingProfileId is not null then
                case when coalesce(InvoiceIssuerName, 'Microsoft') = 'Microsoft' then 'MCA' else 'MPA' end
        end as x_BillingAccountAgreement,
        case
            when saves_nothing or ContractedCost = 0 or ContractedCost - EffectiveCost < 0.0001 then 0
            else ContractedCost - EffectiveCost
        end::decimal(38, 18) as x_CommitmentDiscountSavings,
        case
            when saves_nothing or ListCost = 0 or ListCost - ContractedCost < 0.0001 then 0
            else ListCost - ContractedCost
        end::decimal(38, 18) as x_NegotiatedDiscountSavings,
        case
            when saves_nothing or ListCost = 0 or ListCost - EffectiveCost < 0.0001 then 0
            else ListCost - EffectiveCost
        end::decimal(38, 18) as x_TotalSavings,
    from saving
    cross join source
)

select * from final
