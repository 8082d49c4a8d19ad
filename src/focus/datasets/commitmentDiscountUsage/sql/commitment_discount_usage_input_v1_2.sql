-- What a reservation details part holds before conversion, under the output's names, for its reconciliation: used
-- and reserved hours. Reads stg_commitment_discount_usage.
select
    UsedHours as ConsumedQuantity,
    ReservedHours as x_CommitmentDiscountCommittedAmount,
from stg_commitment_discount_usage
