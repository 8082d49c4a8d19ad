import { type DuckDBConnection, quotedString } from '@duckdb/node-api';

import { loadSql } from '../../loadAsset';

/**
 * Registers temp view `account_costs`: the AIAccountCosts files given, each row with the scope folder its file was
 * published in (x_CostScope); with no file, an empty view of the same columns. And view `reservation_scopes` over it
 * (sql/reservation_scopes.sql): the one scope each reservation's unused hours are read from.
 */
export async function registerAccountCosts(
    connection: DuckDBConnection,
    files: readonly { path: string; scope: string }[],
): Promise<void> {
    if (files.length === 0) {
        await connection.run(loadSql('empty_inputs', __dirname));
        await connection.run('create or replace temp view account_costs as select * from empty_account_costs');
    } else {
        const paths = files.map(({ path }) => quotedString(path)).join(', ');
        const scopes = files.map(({ path, scope }) => `(${quotedString(path)}, ${quotedString(scope)})`).join(', ');
        await connection.run(
            `create or replace temp view account_costs as
             select costs.* exclude (filename), scopes.scope as x_CostScope
             from read_parquet([${paths}], union_by_name = true, filename = true) as costs
             join (values ${scopes}) as scopes(path, scope) on scopes.path = costs.filename`,
        );
    }
    await connection.run(loadSql('reservation_scopes', __dirname));
}
