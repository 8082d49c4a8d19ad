-- The last charge day (YYYY-MM-DD) in relation `ai_unit_economics` on or before $through; null without rows.
select strftime(max(x_ChargeDate), '%Y-%m-%d') as last_day
from ai_unit_economics
where x_ChargeDate <= $through::date
