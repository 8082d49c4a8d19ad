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

-- FOCUS 1.0 exports write minutes only (2024-01-01T00:00Z); 1.0r2 and later add seconds. Text the cast reads as it
-- is (nearly every value) takes it directly, about 8 times faster than the pattern test; coalesce evaluates the
-- second form only on the rest (minutes only, blanks, junk), so results and errors are the ones of that form.
create macro if not exists hub_datetime(x) as coalesce(
    try_cast(x as timestamptz),
    cast(
        case
            when length(x) = 17 and regexp_full_match(x, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z') then left(x, 16) || ':00Z'
            else nullif(trim(x), '')
        end as timestamptz
    )
);

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

-- The value of the first alias (in order) that names a tag key with a non-empty value; tag_names are the keys
-- lower-cased and trimmed, tag_keys the keys as written.
create macro if not exists hub_tag_value(tags, tag_keys, tag_names, aliases) as list_filter(
    list_transform(
        list_filter(aliases, a -> list_contains(tag_names, a)),
        a -> nullif(trim(json_extract_string(tags, '$.' || to_json(tag_keys[list_position(tag_names, a)]))), '')
    ),
    v -> v is not null
)[1];

-- hub_tag_value on a tag object already split into its values and its keys lower-cased and trimmed, in key order
-- (json_extract_string(tags, '$.*') and json_keys): the value of the first alias that names a key with a non-empty
-- value. The first key of a name wins, as in hub_tag_value.
create macro if not exists hub_tag_pick(tag_values, tag_names, aliases) as list_filter(
    list_transform(aliases, a -> nullif(trim(tag_values[list_position(tag_names, a)]), '')),
    v -> v is not null
)[1];
