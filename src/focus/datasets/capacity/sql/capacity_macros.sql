-- Exact splits for the capacity datasets. An amount is split among weights by the largest remainder method: each
-- part is floor(amount × weight ÷ Σ weights), and the units left over go one each to the parts with the largest
-- remainders (ties: the earlier weight). The parts add up to the amount exactly. Amounts and weights are HUGEINT
-- counts (money as 10^-18 units, see hub_units; tokens as whole tokens); the product amount × weight never forms:
-- floor(a × w ÷ t) = (a ÷ t) × w + ((a mod t) × w) ÷ t, which stays within 128 bits while the weights add up to less
-- than 10^18 (weights in money are passed in millionths).

-- the floor part of each weight's share of a ≥ 0
create macro if not exists hub_split_floor(a, weights, total) as
    list_transform(weights, w -> a // total * w + (a % total) * w // total);

-- a sort key per weight: its remainder, then its position (earlier first among equal remainders)
create macro if not exists hub_split_keys(a, weights, total) as
    list_transform(weights, (w, i) -> (a % total) * w % total * (len(weights) + 1) + (len(weights) + 1 - i));

-- amount split among weights (≥ 0); null when the weights add up to 0
create macro if not exists hub_split(amount, weights) as
    case when list_sum(weights) > 0 then list_transform(
        hub_split_floor(abs(amount), weights, list_sum(weights)),
        (part, i) -> sign(amount) * (
            part + case
                when list_position(
                    list_grade_up(hub_split_keys(abs(amount), weights, list_sum(weights)), 'DESC'), i
                ) <= abs(amount) - list_sum(hub_split_floor(abs(amount), weights, list_sum(weights)))
                then 1 else 0
            end
        )
    ) end;
