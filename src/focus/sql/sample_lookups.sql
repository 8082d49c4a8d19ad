-- Session variables the sample generator reads by position instead of joining, so rows leave in the order they are
-- drawn (byte-identical files) and no per-row copy of a lookup list is made. Needs sample_meters.sql.

-- One entry per weight unit of every meter: a uniform draw over the list picks meters in proportion to their weight.
set variable sample_slot_meters = (
    with

    slots as (
        select meters, unnest(range(slot_start, slot_start + weight)) as slot
        from sample_meters as meters
    ),

    final as (
        select list(meters order by slot) as slot_meters from slots
    )

    select * from final
);

-- The meter the sample reservation covers: its purchase and unused-reservation rows are charged on it.
set variable sample_commitment_meter = (
    select meters from sample_meters as meters where commitment_units is not null order by meter_key limit 1
);
