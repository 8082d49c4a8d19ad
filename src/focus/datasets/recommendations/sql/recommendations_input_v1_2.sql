-- What a reservation recommendations part holds before conversion, under the output's names, for its reconciliation:
-- the net savings (plain or the JSON's `value`, staged as a decimal) in the currency the JSON names, the savings' or
-- else the cost's (EA files name none; the key in any case). Reads stg_recommendations.
select
    coalesce(
        hub_json_currency(NetSavingsText),
        hub_json_currency(CostWithNoReservedInstancesText)
    ) as BillingCurrency,
    NetSavings as x_EffectiveCostSavings,
from stg_recommendations
