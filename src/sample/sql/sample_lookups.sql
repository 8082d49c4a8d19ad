-- Session variables the sample generator reads by position instead of joining, so rows leave in the order they are
-- drawn (byte-identical files) and no per-row copy of a lookup list is made. Needs sample_meters.sql,
-- sample_ai_daily.sql and sample_ai_events.sql.

-- The AI deployments billed every day (sample_ai_daily.sql) whose meter is in `sample_meters`, in file order, each
-- with its meter and its events; empty when there are none (the bench empties sample_ai_daily).
set variable sample_daily_meters = (
    with

    events as (
        select deployment, list(struct_pack(first_day, last_day, factor)) as events
        from sample_ai_events
        group by deployment
    ),

    final as (
        select coalesce(list(struct_pack(
            meter := meters,
            deployment := daily.deployment,
            resource := daily.resource,
            weekday_quantity := daily.weekday_quantity,
            weekend_factor := daily.weekend_factor,
            cost_center := daily.cost_center,
            environment := daily.environment,
            application := daily.application,
            events := coalesce(events.events, [])
        ) order by daily.position), []) as daily_meters
        from sample_ai_daily as daily
        join sample_meters as meters using (meter_key)
        left join events using (deployment)
    )

    select * from final
);

-- One entry per weight unit of every meter: a uniform draw over the list picks meters in proportion to their weight.
-- With daily AI deployments, the other rows draw no AI meter: the sample's AI cost is the deployments' daily pattern.
set variable sample_slot_meters = (
    with

    slots as (
        select meters, unnest(range(slot_start, slot_start + weight)) as slot
        from sample_meters as meters
        where len(getvariable('sample_daily_meters')) = 0 or meter_category <> 'Foundry Models'
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
