-- Synthetic price sheet rows p_row_start .. p_row_end - 1 (table macro `sample_price_sheet`), EA and MCA columns side
-- by side, priced as the sample's cost rows are: rows 0 .. n - 1 are the consumption prices of the n sample meters,
-- row n the reservation and row n + 1 the savings plan of the sample's reserved meter, later rows a dev/test offer
-- (EA) or a second tier (MCA) of each meter in turn. Needs sample_macros.sql, sample_meters.sql and
-- sample_lookups.sql.
create or replace temp macro sample_price_sheet(
    p_seed, p_row_start, p_row_end, p_month_start, p_days, p_subscription_id, p_billing_account_id,
    p_billing_account_name, p_billing_profile_id
) as table

with

meters as (
    select *, (row_number() over (order by meter_key) - 1)::bigint as meter_index
    from sample_meters
),

meter_count as (
    select count(*)::bigint as n from sample_meters
),

picked as (
    select
        i,
        case
            when i < n then 'consumption'
            when i = n then 'reservation'
            when i = n + 1 then 'savings-plan'
            else 'extra'
        end as kind,
        case
            when i < n then i
            when i <= n + 1 then (
                select meter_index from meters where meter_key = getvariable('sample_commitment_meter').meter_key
            )
            else (i - n - 2) % n
        end as meter_index,
    from range(p_row_start, p_row_end) as r(i)
    cross join meter_count
),

priced as (
    select
        picked.i,
        picked.kind,
        meters.*,
        sample_scaled(list_units, list_scale) as list_price,
        sample_scaled(contracted_units, contracted_scale) as contracted_price,
        coalesce(sample_scaled(commitment_units, commitment_scale), sample_scaled(contracted_units, contracted_scale))
            as commitment_price,
    from picked
    join meters using (meter_index)
),

final as (
    select
        i as sample_row,
        p_billing_account_id as EnrollmentNumber,
        p_billing_account_id as BillingAccountId,
        p_billing_account_name as BillingAccountName,
        p_billing_profile_id as BillingProfileId,
        p_billing_account_name || ' Billing' as BillingProfileName,
        meter_id as MeterId,
        meter_name as MeterName,
        unit_of_measure as MeterType,
        meter_category as MeterCategory,
        meter_subcategory as MeterSubCategory,
        service_family as ServiceFamily,
        product as Product,
        coalesce(nullif(split_part(sku_id, '/', 2), ''), '0001') as SkuId,
        split_part(sku_id, '/', 1) as ProductId,
        sku_region as MeterRegion,
        unit_of_measure as UnitOfMeasure,
        'AAA-' || upper(left(md5(meter_id), 5)) as PartNumber,
        p_month_start::date::timestamp as EffectiveStartDate,
        (p_month_start::date + interval 1 month - interval 1 day)::timestamp as EffectiveEndDate,
        case kind
            when 'reservation' then commitment_price * 8760
            when 'savings-plan' then (commitment_price * 1.1)::decimal(38, 18)
            when 'extra' then (contracted_price * 0.9)::decimal(38, 18)
            else contracted_price
        end as UnitPrice,
        case kind
            when 'reservation' then list_price * 8760
            when 'savings-plan' then (commitment_price * 1.1)::decimal(38, 18)
            when 'extra' then (list_price * 0.9)::decimal(38, 18)
            else list_price
        end as MarketPrice,
        case kind when 'reservation' then list_price * 8760 else list_price end as BasePrice,
        'USD' as CurrencyCode,
        'USD' as Currency,
        'USD' as BillingCurrency,
        0::decimal(38, 18) as IncludedQuantity,
        case kind when 'extra' then 'MS-AZR-0148P' else 'MS-AZR-0017P' end as OfferID,
        case kind when 'extra' then '1000' else '0' end as TierMinimumUnits,
        case kind when 'reservation' then 'P1Y' when 'savings-plan' then 'P3Y' end as Term,
        case kind when 'reservation' then 'ReservedInstance' when 'savings-plan' then 'SavingsPlan'
            else 'Consumption' end as PriceType,
    from priced
)

select * exclude (sample_row) from final order by sample_row
