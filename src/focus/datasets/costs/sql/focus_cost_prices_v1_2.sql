-- Price and cost gaps of Cost Management exports, filled the way FinOps hubs fill them where that is right under FOCUS,
-- on Usage and Purchase rows that are not corrections (docs/datasets.md "x_SourceChanges"). Reads relation focus_cost,
-- whose unit prices may already come from a price sheet: every fill works from the unit prices as they arrive here.
-- ContractedUnitPrice null or 0: x_EffectiveUnitPrice when no commitment discount applies (the price paid is the
-- contracted price); ListUnitPrice when one does (FOCUS excludes commitment discounts from it; the toolkit's
-- x_EffectiveUnitPrice would hide the commitment's savings). ListUnitPrice null or 0: the contracted price (no
-- negotiated discount known, as the toolkit does). ListCost, ContractedCost null or 0: unit price x PricingQuantity
-- (exact, hub_multiply), as FOCUS defines them. The data-quality codes are the toolkit's, on the values arriving here,
-- and also mark every row a fill changed. BilledCost and EffectiveCost are never changed.
with

fillable as (
    select
        *,
        coalesce(ChargeCategory in ('Usage', 'Purchase'), false) and ChargeClass is distinct from 'Correction'
            as fills_prices,
    from focus_cost
),

unit_prices as (
    select
        *,
        case
            when not fills_prices or ContractedUnitPrice <> 0 then ContractedUnitPrice
            when CommitmentDiscountId is null and x_EffectiveUnitPrice > 0 then x_EffectiveUnitPrice
            when CommitmentDiscountId is not null and ListUnitPrice > 0 then ListUnitPrice
            else ContractedUnitPrice
        end as contracted_unit_price,
    from fillable
),

filled as (
    select
        *,
        case
            when fills_prices and coalesce(ListUnitPrice, 0) = 0 and contracted_unit_price > 0
                then contracted_unit_price
            else ListUnitPrice
        end as list_unit_price,
        case
            when fills_prices and coalesce(ContractedCost, 0) = 0
                then coalesce(hub_multiply(contracted_unit_price, PricingQuantity), ContractedCost)
            else ContractedCost
        end as contracted_cost,
    from unit_prices
),

final as (
    select
        * exclude (fills_prices, contracted_unit_price, list_unit_price, contracted_cost) replace (
            contracted_unit_price as ContractedUnitPrice,
            list_unit_price as ListUnitPrice,
            contracted_cost as ContractedCost,
            case
                when fills_prices and coalesce(ListCost, 0) = 0
                    then coalesce(hub_multiply(list_unit_price, PricingQuantity), ListCost)
                else ListCost
            end as ListCost,
            nullif(concat_ws(
                ',',
                x_SourceChanges,
                case
                    when (coalesce(ContractedUnitPrice, 0) = 0 and x_EffectiveUnitPrice <> 0)
                        or contracted_unit_price is distinct from ContractedUnitPrice
                        then 'MissingContractedUnitPrice'
                end,
                case
                    when (coalesce(ListUnitPrice, 0) = 0 and (ContractedUnitPrice <> 0 or x_EffectiveUnitPrice <> 0))
                        or list_unit_price is distinct from ListUnitPrice
                        then 'MissingListUnitPrice'
                end,
                case
                    when (coalesce(ContractedCost, 0) = 0 and EffectiveCost <> 0)
                        or contracted_cost is distinct from ContractedCost
                        then 'MissingContractedCost'
                end,
                case
                    when coalesce(ListCost, 0) = 0 and (
                        ContractedCost <> 0 or EffectiveCost <> 0 or (list_unit_price <> 0 and PricingQuantity <> 0)
                    ) then 'MissingListCost'
                end,
                case when ListCost < ContractedCost then 'ListCostLessThanContractedCost' end,
                case when ContractedCost < EffectiveCost then 'ContractedCostLessThanEffectiveCost' end,
                case
                    when ChargeCategory = 'Purchase' and CommitmentDiscountId is not null and EffectiveCost > 0
                        then 'InvalidEffectiveCost'
                end
            ), '') as x_SourceChanges
        ),
    from filled
)

select * from final
