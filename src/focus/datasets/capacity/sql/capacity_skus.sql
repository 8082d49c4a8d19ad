-- The deployment SKUs ($skus_path, data/deployment-skus.csv): deployment type, provisioned or not, processing tier.
create table if not exists capacity_skus as
select
    sku_name,
    deployment_type,
    provisioned::boolean as provisioned,
    processing_tier,
from read_csv($skus_path, header = true, all_varchar = true);
