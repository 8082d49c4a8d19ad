-- What a reservation transactions part holds before conversion, under the output's names, for its reconciliation:
-- each amount in its currency, by event type. Reads stg_transactions.
select
    Currency as BillingCurrency,
    EventType as x_TransactionType,
    Amount as BilledCost,
from stg_transactions
