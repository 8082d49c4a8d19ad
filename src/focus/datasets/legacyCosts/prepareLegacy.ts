import { DuckDBConnection } from '@duckdb/node-api';

import { assetPath, loadSql } from '../../loadAsset';
import { prepareFocus } from '../../prepareFocus';

/** Lookup tables (created in this order; the last marks an instance as prepared) and their open-data files. */
const LOOKUPS = [
    ['hub_legacy_pricing_units', 'data/pricing-units.csv'],
    ['hub_legacy_regions', 'data/regions.csv'],
    ['hub_legacy_resource_types', 'data/resource-types.csv'],
] as const;

/**
 * Everything a legacy part's SQL reads besides the part: the hub's macros and services (prepareFocus), the legacy
 * macros (temp, per connection) and the open-data lookups (once per DuckDB instance, as prepareFocus does; a
 * connection losing a race to create them finds them created).
 */
export async function prepareLegacy(connection: DuckDBConnection): Promise<void> {
    await prepareFocus(connection);
    await connection.run(loadSql('legacy_macros', __dirname));
    for (let attempt = 1; !(await prepared(connection)); attempt++) {
        try {
            for (const [table, file] of LOOKUPS) {
                await connection.run(loadSql(table, __dirname), { path: assetPath(file, __dirname) });
            }
        } catch (error) {
            if (attempt >= 3) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
    }
}

async function prepared(connection: DuckDBConnection): Promise<boolean> {
    const marker = await connection.runAndReadAll(
        "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = 'hub_legacy_resource_types'",
    );
    return Number(marker.getRows()[0]?.[0]) > 0;
}
