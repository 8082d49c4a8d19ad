-- What a reservation transactions part holds before conversion, under the output's names, for its reconciliation:
-- each amount in its currency, by event type, and the ledger's own Amount. Reads stg_transactions.
select
    Currency as BillingCurrency,
    EventType as x_TransactionType,
    Amount as BilledCost,
    columns('^hub_ledger_'),
from stg_transactions
