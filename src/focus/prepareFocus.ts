import { DuckDBConnection } from '@duckdb/node-api';

import { assetPath, loadSql } from './loadAsset';

const prepared = new WeakSet<DuckDBConnection>();

/** Defines the hub's macros and lookup tables on a connection, once. */
export async function prepareFocus(connection: DuckDBConnection): Promise<void> {
    if (prepared.has(connection)) return;
    await connection.run(loadSql('macros'));
    await connection.run(loadSql('lookups'), { services: assetPath('data/services.csv') });
    prepared.add(connection);
}
