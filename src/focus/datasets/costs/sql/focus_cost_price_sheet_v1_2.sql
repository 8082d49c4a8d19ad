-- Records in x_SourceChanges the rows whose prices stg_cost filled from the price sheet (PricesFromPriceSheet) and
-- drops the marker column. Reads focus_cost_unflagged (the focus_cost_v1_2 step's output).
with

flagged as (
    select
        * exclude (hub_prices_filled) replace (
            nullif(concat_ws(',', x_SourceChanges, case when hub_prices_filled then 'PricesFromPriceSheet' end), '')
                as x_SourceChanges
        ),
    from focus_cost_unflagged
)

select * from flagged
