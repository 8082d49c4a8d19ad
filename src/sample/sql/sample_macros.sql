-- Helpers for the sample export generator: deterministic ids, exact scaled decimals and the text forms Cost
-- Management writes into CSV exports. Temporary macros, created once per connection.

-- 10^-scale as an exact DECIMAL(38,18) (scale 0..18).
create or replace temp macro sample_unit(scale) as
    ([
        1,
        0.1,
        0.01,
        0.001,
        0.0001,
        0.00001,
        0.000001,
        0.0000001,
        0.00000001,
        0.000000001,
        0.0000000001,
        0.00000000001,
        0.000000000001,
        0.0000000000001,
        0.00000000000001,
        0.000000000000001,
        0.0000000000000001,
        0.00000000000000001,
        0.000000000000000001,
    ]::decimal(38, 18)[])[scale + 1];

-- An integer count of 10^-scale units as an exact DECIMAL(38,18).
create or replace temp macro sample_scaled(units, scale) as
    units::decimal(38, 0) * sample_unit(scale);

-- A GUID derived from the seed and a label: same inputs, same id.
create or replace temp macro sample_guid(seed, label) as
    md5(seed::varchar || ':' || label)::uuid::varchar;

-- Decimals as exports print them: no trailing zeros, no exponent.
create or replace temp macro sample_decimal_text(value) as
    rtrim(rtrim(value::varchar, '0'), '.');

-- FocusCost 1.0 dates: minutes, no seconds (2024-01-01T00:00Z).
create or replace temp macro sample_minutes_text(value) as
    strftime(value, '%Y-%m-%dT%H:%MZ');

-- FocusCost 1.0r2 and later dates: with seconds (2025-10-16T00:00:00Z).
create or replace temp macro sample_seconds_text(value) as
    strftime(value, '%Y-%m-%dT%H:%M:%SZ');

-- Booleans as exports print them.
create or replace temp macro sample_boolean_text(value) as
    case when value then 'True' when not value then 'False' end;
