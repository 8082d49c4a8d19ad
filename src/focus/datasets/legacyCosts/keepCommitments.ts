import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { loadSql } from '../../loadAsset';
import { parquetTotals, Totals } from '../../totals';
import { COST_TOTALS } from '../costs/costReconciliation';

/**
 * Writes the commitment purchases and refunds among the Costs rows of an ActualCost run (`files`, Parquet the hub
 * wrote) to `outPath`: what the actual run adds beside an amortized run of the same month. Returns its totals.
 */
export async function keepCommitments(
    connection: DuckDBConnection,
    files: readonly string[],
    outPath: string,
): Promise<Totals> {
    const list = `[${files.map((file) => quotedString(file)).join(', ')}]`;
    await connection.run(`create or replace temp view supplement_costs as select * from read_parquet(${list})`);
    await connection.run(
        `copy (${loadSql('legacy_commitments_v1_2', __dirname)}) to ${quotedString(outPath)} (format parquet, compression zstd)`,
    );
    return parquetTotals(connection, outPath, COST_TOTALS);
}
