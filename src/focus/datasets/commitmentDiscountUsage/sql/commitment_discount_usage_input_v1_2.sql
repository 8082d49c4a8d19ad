-- What a reservation details part holds before conversion, under the output's names, for its reconciliation: used
-- and reserved hours, and the ledger's own columns of both. Reads stg_commitment_discount_usage.
select
    UsedHours as ConsumedQuantity,
    ReservedHours as x_CommitmentDiscountCommittedAmount,
    columns('^hub_ledger_'),
from stg_commitment_discount_usage
