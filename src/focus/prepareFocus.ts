import { DuckDBConnection } from '@duckdb/node-api';

import { assetPath, loadSql } from './loadAsset';

/**
 * Defines the hub's macros and lookup tables in the connection's DuckDB instance, once: they live in the instance's
 * catalog, so every later connection finds them (the lookup table, created last, marks an instance as prepared). Two
 * connections preparing at once may conflict in the catalog; the loser finds the instance prepared by the winner.
 */
export async function prepareFocus(connection: DuckDBConnection): Promise<void> {
    // hub_services is created last by lookups.sql.
    await prepareInstanceOnce(connection, 'hub_services', async () => {
        await connection.run(loadSql('macros'));
        await connection.run(loadSql('lookup_pricing_units'), {
            pricing_units: assetPath('data/pricing-units.csv'),
        });
        await connection.run(loadSql('lookup_regions'), { regions: assetPath('data/regions.csv') });
        await connection.run(loadSql('lookups'), { services: assetPath('data/services.csv') });
    });
}

/**
 * Runs `prepare` unless the instance already has the table `marker` (which `prepare` creates last), retrying a few
 * times: a connection that loses a catalog race to another finds the instance prepared.
 */
export async function prepareInstanceOnce(
    connection: DuckDBConnection,
    marker: string,
    prepare: () => Promise<void>,
): Promise<void> {
    for (let attempt = 1; !(await hasTable(connection, marker)); attempt++) {
        try {
            await prepare();
        } catch (error) {
            if (attempt >= 3) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
    }
}

async function hasTable(connection: DuckDBConnection, table: string): Promise<boolean> {
    const found = await connection.runAndReadAll(
        "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = $table",
        { table },
    );
    return Number(found.getRows()[0]?.[0]) > 0;
}
