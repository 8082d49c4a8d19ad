-- Conversions from export text to the hub's types, shared by every staging step. Empty text is null. Defined once
-- per DuckDB instance (every connection of a workspace sees them).

create macro if not exists hub_text(x) as nullif(x, '');

-- Exact text to DECIMAL(38, 18), the value `cast(nullif(trim(x), '') as decimal(38, 18))` gives, about 10 times faster.
-- That generic cast parses digit by digit in 128-bit arithmetic. Plain decimals with at most 9 integer and 9
-- fractional digits (most export values) fit DECIMAL(18, 9), which DuckDB parses in 64 bits, and widen exactly; up to
-- 18 and 18 digits are read as a 64-bit integer part plus a DECIMAL(18, 18) fraction carrying the sign, added exactly.
-- Anything else (exponents, more digits, blanks) takes the generic cast.
create macro if not exists hub_decimal(x) as
    case
        when regexp_full_match(x, '[+-]?[0-9]{1,9}(\.[0-9]{0,9})?') then cast(x as decimal(18, 9))::decimal(38, 18)
        when regexp_full_match(x, '[+-]?[0-9]{1,18}(\.[0-9]{0,18})?') then
            split_part(x, '.', 1)::bigint::decimal(38, 18)
            + (case when starts_with(x, '-') then '-0.' else '0.' end || split_part(x, '.', 2))::decimal(18, 18)
        else cast(nullif(trim(x), '') as decimal(38, 18))
    end;

-- Dates, each in an explicit format (docs/datasets.md "What goes in"): never guessed, never a two-digit year.
-- hub_datetime reads ISO 8601 with a four-digit year: FOCUS 1.0 exports write minutes only (2024-01-01T00:00Z), 1.0r2
-- and later add seconds. Text the cast reads as it is (nearly every value) takes it directly, about 8 times faster than
-- a pattern test, once its fifth character shows a four-digit year (the cast alone reads `9/1/26` as the year 9);
-- coalesce evaluates the second form only on the rest (minutes only, blanks, anything else), so its results and errors
-- are that form's: text in no ISO 8601 form is a conversion error.
create macro if not exists hub_datetime(x) as coalesce(
    case when substr(x, 5, 1) = '-' then try_cast(x as timestamptz) end,
    cast(
        case
            when length(x) = 17 and regexp_full_match(x, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z') then left(x, 16) || ':00Z'
            when nullif(trim(x), '') is null then null
            when regexp_full_match(trim(x), '\d{4}-\d{1,2}-\d{1,2}([T ].*)?') then trim(x)
            else 'not an ISO 8601 date: ' || x
        end as timestamptz
    )
);

-- M/D/YYYY (month first, as Cost Management's legacy and reservation exports write US dates: `9/2/2023`,
-- `09/21/2023`, optionally with a time), else ISO 8601 as hub_datetime reads it (ISO text takes its fast path first).
-- All UTC.
create macro if not exists hub_us_datetime(x) as coalesce(
    case when substr(x, 5, 1) = '-' then try_cast(x as timestamptz) end,
    case
        when regexp_full_match(trim(x), '\d{1,2}/\d{1,2}/\d{4}') then timezone('UTC', strptime(trim(x), '%m/%d/%Y'))
        when regexp_full_match(trim(x), '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})?')
            then timezone('UTC', strptime(trim(x), ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M']))
        else hub_datetime(x)
    end
);

-- yyyyMMdd (EA reservation transactions' BillingMonth: `20260801`), else ISO 8601 as hub_datetime reads it.
create macro if not exists hub_yyyymmdd_datetime(x) as
    case
        when regexp_full_match(trim(x), '\d{8}') then timezone('UTC', strptime(trim(x), '%Y%m%d'))
        else hub_datetime(x)
    end;

-- A decimal written as it is, or as the `value` of a JSON object (MCA recommendations write costs as
-- {"value": 12.5, "currency": "USD"}; the key in any case, the number bare or quoted): hub_decimal of that text, so a
-- value that is no decimal is a conversion error, and so is an object without a value (its whole text is read); a
-- value null or "" is null. A JSON number is taken as written: DuckDB's JSON functions read numbers as DOUBLE, which
-- keeps 17 digits only.
create macro if not exists hub_json_decimal(x) as hub_decimal(
    case
        when not (starts_with(ltrim(x), '{') and json_valid(x)) then x
        when regexp_matches(x, '"value"\s*:\s*(""|null)', 'i') then null
        when regexp_matches(x, '"value"\s*:\s*"', 'i') then regexp_extract(x, '"value"\s*:\s*"([^"]*)"', 1, 'i')
        else coalesce(nullif(regexp_extract(x, '"value"\s*:\s*(-?[0-9.][0-9.eE+-]*)', 1, 'i'), ''), x)
    end
);

-- The `currency` of such a JSON object (the key in any case); null for anything else.
create macro if not exists hub_json_currency(x) as nullif(regexp_extract(x, '"currency"\s*:\s*"([^"]*)"', 1, 'i'), '');

create macro if not exists hub_boolean(x) as cast(nullif(trim(x), '') as boolean);

-- json_type raises on invalid JSON and DuckDB may evaluate both sides of an `and`: test validity first.
create macro if not exists hub_is_object(x) as case when json_valid(x) then json_type(x) = 'OBJECT' else false end;

-- FOCUS 1.2 SkuPriceDetails keys; any other key must carry the x_ prefix.
create macro if not exists hub_focus_sku_key(k) as k in (
    'CoreCount', 'DiskMaxIops', 'DiskSpace', 'DiskType', 'GpuCount', 'InstanceType', 'InstanceSeries',
    'MemorySize', 'NetworkMaxIops', 'NetworkMaxThroughput', 'OperatingSystem', 'Redundancy', 'StorageClass'
);

-- A JSON object as text, with keys renamed for FOCUS SkuPriceDetails; null when x is not a JSON object.
create macro if not exists hub_sku_price_details(x) as
    case
        when hub_is_object(x) then '{' || array_to_string(
            list_transform(
                json_keys(x),
                k -> to_json(case when hub_focus_sku_key(k) or starts_with(k, 'x_') then k else 'x_' || k end)
                    || ':' || json_extract(x, '$.' || to_json(k))
            ),
            ','
        ) || '}'
    end;

-- Legacy tags lack braces ("k": "v","k2": "v2"); wrap them before parsing.
create macro if not exists hub_wrap_tags(x) as
    case when x is null or starts_with(ltrim(x), '{') then x else '{' || x || '}' end;

-- Exact arithmetic on DECIMAL(38, 18) money. DuckDB multiplies DECIMALs at the sum of their scales (36 here, which
-- overflows from 100 on) and divides them in DOUBLE, which the hub never uses for money.

-- a × b, exact, rounded half away from zero to 18 decimals (DuckDB's DECIMAL rounding). Small factors multiply at
-- scale 36 directly; larger ones are split into integer and fraction parts, so only fraction × fraction is rounded.
create macro if not exists hub_multiply(a, b) as
    case
        when (abs(a) < 10 and abs(b) < 10) or (abs(a) < 1 and abs(b) < 100) or (abs(a) < 100 and abs(b) < 1)
            then (a * b)::decimal(38, 18)
        else (
            a * trunc(b)::decimal(38, 0)
            + trunc(a)::decimal(38, 0) * (b - trunc(b))
            + ((a - trunc(a)) * (b - trunc(b)))::decimal(38, 18)
        )::decimal(38, 18)
    end;

-- A DECIMAL(38, 18) value as a HUGEINT count of 10^-18 (DuckDB prints every decimal place, so dropping the point is
-- exact), and back.
create macro if not exists hub_units(x) as replace(x::decimal(38, 18)::varchar, '.', '')::hugeint;
create macro if not exists hub_from_units(u) as (u::decimal(38, 0) * 0.000000000000000001)::decimal(38, 18);

-- An amount as the reconciliation ledger reads it from text (docs/reconciliation.md "The export's own columns"), apart
-- from hub_decimal, so that a change to the conversion's reading cannot change its ledger too: every plain decimal of
-- up to 18 and 18 digits is split at its point, the integer part read as a 64-bit integer and the fraction as a
-- DECIMAL(18, 18) carrying the sign (hub_decimal reads the common ones, up to 9 and 9 digits, through DECIMAL(18, 9));
-- anything else (exponents, more digits, blanks) takes the generic cast, as there. To 18 decimals, as hub_decimal;
-- empty text is null.
create macro if not exists hub_ledger_decimal(x) as
    case
        when regexp_full_match(x, '[+-]?[0-9]{1,18}(\.[0-9]{0,18})?') then
            split_part(x, '.', 1)::bigint::decimal(38, 18)
            + (case when starts_with(x, '-') then -1 else 1 end) * ('0.' || split_part(x, '.', 2))::decimal(18, 18)
        else cast(nullif(trim(x), '') as decimal(38, 18))
    end;

-- q + 1 when the remainder r of a division by d (all ≥ 0) is more than half of d, or exactly half and q is odd.
create macro if not exists hub_round_half_even(q, r, d) as
    q + case when r * 2 > d or (r * 2 = d and q % 2 = 1) then 1 else 0 end;

-- n ÷ d for HUGEINT counts of 10^-18 (d ≠ 0), as a count of 10^-18 rounded half to even, in two steps so that the
-- one 128-bit division is done once: hub_quotient_floor(n, d) into a column q (set when |n| < 10^20, i.e. below
-- 100), then hub_quotient(n, d, q). Larger values take long division in steps of 10^9. Pass columns, not
-- expressions: DuckDB evaluates a macro argument wherever it appears.
create macro if not exists hub_quotient_floor(n, d) as
    case when abs(n) < 100000000000000000000 then abs(n) * 1000000000000000000 // abs(d) end;
create macro if not exists hub_quotient(n, d, q) as
    sign(n) * sign(d) * case
        when q is not null then hub_round_half_even(q, abs(n) * 1000000000000000000 - q * abs(d), abs(d))
        else hub_round_half_even(
            abs(n) // abs(d) * 1000000000000000000
                + abs(n) % abs(d) * 1000000000 // abs(d) * 1000000000
                + abs(n) % abs(d) * 1000000000 % abs(d) * 1000000000 // abs(d),
            abs(n) % abs(d) * 1000000000 % abs(d) * 1000000000 % abs(d),
            abs(d)
        )
    end;

-- x ÷ y for DECIMAL(38, 18) values, rounded half to even at the 18th decimal. Converts its arguments several times:
-- for the few rows that need it; steps converting every row stage hub_units and hub_quotient_floor in columns.
create macro if not exists hub_divide(x, y) as hub_from_units(
    hub_quotient(hub_units(x), hub_units(y), hub_quotient_floor(hub_units(x), hub_units(y)))
);

-- x × a ÷ b for a DECIMAL(38, 18) x ≥ 0 and whole numbers a, b > 0 (a price per block of b units, rescaled to blocks of
-- a), exact, rounded half to even at the 18th decimal. Small beside hub_divide, for steps every part plans.
create macro if not exists hub_rescale(x, a, b) as hub_from_units(
    hub_round_half_even(hub_units(x) * a::hugeint // b::hugeint, hub_units(x) * a::hugeint % b::hugeint, b::hugeint)
);

-- Months of an ISO 8601 term (`P1Y` → 12, `P3Y` → 36, `P1M` → 1); null for anything else (`P30D`, text).
create macro if not exists hub_iso_months(term) as
    case
        when regexp_full_match(trim(term), 'P[0-9]{1,3}Y') then regexp_extract(trim(term), '[0-9]+')::integer * 12
        when regexp_full_match(trim(term), 'P[0-9]{1,4}M') then regexp_extract(trim(term), '[0-9]+')::integer
    end;

-- The value of the first alias (in order) that names a tag key with a non-empty value, from a tag object already split
-- into its values and its keys lower-cased and trimmed, in the same order (json_extract_string(tags, '$.*') and
-- json_keys): the first key of a name in that order wins (focus_cost_tags_v1_2.sql passes them reversed).
create macro if not exists hub_tag_pick(tag_values, tag_names, aliases) as list_filter(
    list_transform(aliases, a -> nullif(trim(tag_values[list_position(tag_names, a)]), '')),
    v -> v is not null
)[1];
