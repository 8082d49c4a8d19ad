import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { loadSql } from '../../loadAsset';

/**
 * Loads the consumption prices of the given Prices Parquet files (the month's published price sheets, downloaded by
 * the pipeline) into temp table `hub_prices`, which the Costs step `stg_cost_prices_v1_2` joins; no files, no rows.
 */
export async function loadPrices(connection: DuckDBConnection, files: readonly string[]): Promise<void> {
    if (files.length === 0) {
        await connection.run(loadSql('empty_price_sheet', __dirname));
    } else {
        const list = files.map((file) => quotedString(file)).join(', ');
        await connection.run(
            `create or replace temp view hub_price_sheet as select * from read_parquet([${list}], union_by_name = true)`,
        );
    }
    await connection.run(loadSql('load_prices', __dirname));
}
