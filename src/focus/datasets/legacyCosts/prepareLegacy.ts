import { DuckDBConnection } from '@duckdb/node-api';

import { assetPath, loadSql } from '../../loadAsset';
import { prepareFocus, prepareInstanceOnce } from '../../prepareFocus';

/**
 * Lookup tables (created in this order; the last marks an instance as prepared) and their open-data files: the hub's
 * own pricing units and regions, and the resource types only legacy exports need.
 */
const LOOKUPS = [
    ['hub_legacy_pricing_units', assetPath('data/pricing-units.csv')],
    ['hub_legacy_regions', assetPath('data/regions.csv')],
    ['hub_legacy_resource_types', assetPath('data/resource-types.csv', __dirname)],
] as const;

/**
 * Everything a legacy part's SQL reads besides the part: the hub's macros and services (prepareFocus), the legacy
 * macros (temp, per connection) and the open-data lookups (once per DuckDB instance, as prepareFocus does; a
 * connection losing a race to create them finds them created).
 */
export async function prepareLegacy(connection: DuckDBConnection): Promise<void> {
    await prepareFocus(connection);
    await connection.run(loadSql('legacy_macros', __dirname));
    await prepareInstanceOnce(connection, LOOKUPS[LOOKUPS.length - 1]![0], async () => {
        for (const [table, path] of LOOKUPS) await connection.run(loadSql(table, __dirname), { path });
    });
}
