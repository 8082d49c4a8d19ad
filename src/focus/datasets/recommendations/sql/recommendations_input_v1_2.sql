-- What a reservation recommendations part holds before conversion, under the output's names, for its reconciliation:
-- the net savings (plain or the JSON's `value`, staged as a decimal) in the currency the JSON names, the savings' or
-- else the cost's (EA files name none). Reads stg_recommendations.
select
    coalesce(
        json_extract_string(case when json_valid(NetSavingsText) then NetSavingsText end, '$.currency'),
        json_extract_string(
            case when json_valid(CostWithNoReservedInstancesText) then CostWithNoReservedInstancesText end,
            '$.currency'
        )
    ) as BillingCurrency,
    NetSavings as x_EffectiveCostSavings,
from stg_recommendations
