import { DuckDBConnection } from '@duckdb/node-api';

import { assetPath, loadSql } from '../../loadAsset';
import { prepareFocus } from '../../prepareFocus';

const LOOKUPS = {
    hub_legacy_pricing_units: 'data/pricing-units.csv',
    hub_legacy_regions: 'data/regions.csv',
    hub_legacy_resource_types: 'data/resource-types.csv',
} as const;

/**
 * Everything a legacy part's SQL reads besides the part: the hub's macros and services (prepareFocus), the legacy
 * macros, and the open-data lookups, the latter two as temp objects of this connection.
 */
export async function prepareLegacy(connection: DuckDBConnection): Promise<void> {
    await prepareFocus(connection);
    await connection.run(loadSql('legacy_macros', __dirname));
    for (const [table, file] of Object.entries(LOOKUPS)) {
        await connection.run(loadSql(table, __dirname), { path: assetPath(file, __dirname) });
    }
}
