-- Columns of temp table `empty_dataset` (an insights dataset step run on no rows), in order, with their types.
select column_name, data_type
from duckdb_columns()
where table_name = 'empty_dataset' and database_name = 'temp'
order by column_index
