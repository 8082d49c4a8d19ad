import { type DuckDBConnection, quotedString } from '@duckdb/node-api';

import type { Totals } from '../totals';
import { reconcileGroups } from './reconcileGroups';
import type { Group, ReconcileSpec, RunPeriod } from './reconcileSpec';
import { scanOutput } from './scanOutput';

/** After a part is written: sums the output file and reconciles it with the input groups (see reconcileGroups). */
export async function reconcilePart(
    connection: DuckDBConnection,
    part: { name: string; period?: RunPeriod },
    spec: ReconcileSpec,
    input: readonly Group[],
    outputPath: string,
): Promise<Totals> {
    const output = await scanOutput(connection, `read_parquet(${quotedString(outputPath)})`, spec, part.period);
    return reconcileGroups(part.name, spec, input, output, part.period);
}
