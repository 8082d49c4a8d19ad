import { DuckDBConnection, quotedString, VARCHAR } from '@duckdb/node-api';

import { loadSql } from '../../loadAsset';
import { assertSplit } from '../../reconcile/assertSplit';
import { scanOutput } from '../../reconcile/scanOutput';
import { type RuleChange, type Totals, totalsOf } from '../../totals';
import { writeCostsFile } from '../costs/costChain';
import type { KeptRows } from '../hubDataset';
import { LEGACY_RECONCILIATION } from './legacyReconciliation';

/** The codes counting the rows a composed folder leaves out of each export type's run. */
export const LEFT_OUT = {
    ActualCost: 'LeftOutBesideAmortizedCost',
    AmortizedCost: 'LeftOutBesideActualCost',
} as const;

/**
 * Writes the rows of `files` (Costs Parquet the hub wrote for one run of `exportType`) that belong in a folder composed
 * with the other legacy type (legacy_composed_v1_2.sql) to `outPath`, as every Costs file is written (writeCostsFile),
 * and returns their totals and, per currency, what was left out. Kept and left-out rows must add up to the files
 * (`ReconciliationFailed` otherwise).
 */
export async function keepComposedRows(
    connection: DuckDBConnection,
    exportType: keyof typeof LEFT_OUT,
    files: readonly string[],
    outPath: string,
): Promise<KeptRows> {
    const list = `read_parquet([${files.map((file) => quotedString(file)).join(', ')}])`;
    await connection.run(`create or replace temp view composed_costs as select * from ${list}`);
    await connection.run('set variable hub_compose_side = $side', { side: exportType }, { side: VARCHAR });
    const marked = loadSql('legacy_composed_v1_2', __dirname);
    await writeCostsFile(connection, `select * exclude (hub_kept) from (${marked}) where hub_kept`, outPath);
    const spec = { ...LEGACY_RECONCILIATION, rules: [] };
    const kept = await scanOutput(connection, `read_parquet(${quotedString(outPath)})`, spec);
    const leftOut = await scanOutput(connection, `(select * from (${marked}) where not hub_kept)`, spec);
    assertSplit(`The ${exportType} rows composed into ${outPath}`, spec, await scanOutput(connection, list, spec), [
        ...kept,
        ...leftOut,
    ]);
    const code = LEFT_OUT[exportType];
    const changes: RuleChange[] = totalsOf(leftOut).byCurrency?.map((t) => ({ code, ...t })) ?? [];
    return { kept: totalsOf(kept), leftOut: changes.filter((c) => c.rows > 0) };
}

/** Whether an amortized file holds commitment purchases or refunds (unknown for files recorded without changes). */
export function holdsCommitmentPurchases(totals: Totals): boolean {
    if (!totals.changes) return true;
    return totals.changes.some((c) => c.code === 'ZeroedEffectiveCostOfCommitmentPurchase' && c.rows > 0);
}
