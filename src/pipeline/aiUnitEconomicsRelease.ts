import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { withDuckDb } from '../adapters/duckdb';
import { AI_UNIT_ECONOMICS, mergeAiUnitEconomics } from '../focus/aiUnitEconomics';
import { stagingName } from '../focus/layout';
import { parquetTotals } from '../focus/parquetTotals';
import { PipelineDeps } from './pipelineDeps';
import { PartRecord, RunRecord } from './ports';
import { DatasetRelease } from './replaceFolder';

/**
 * Merges the parts' staged AI unit economics sums into the run's one AIUnitEconomics file (one row per group, costs
 * per 1K/1M tokens from the sums) and stages it for publishing beside the run's Costs.
 */
export async function aiUnitEconomicsRelease(
    run: RunRecord,
    parts: PartRecord[],
    deps: PipelineDeps,
): Promise<DatasetRelease> {
    const dir = mkdtempSync(join(deps.duckdb.tempDirectory, 'ai-'));
    try {
        const partials = parts.map((part) => join(dir, `${part.index}.parquet`));
        for (const [i, part] of parts.entries()) {
            await deps.ingestion.download(stagingName(run.runId, AI_UNIT_ECONOMICS, part.index), partials[i] ?? '');
        }
        const merged = join(dir, 'merged.parquet');
        const totals = await withDuckDb(deps.duckdb, async (connection) => {
            await mergeAiUnitEconomics(connection, partials, merged);
            return parquetTotals(connection, merged);
        });
        const staged = stagingName(run.runId, AI_UNIT_ECONOMICS, 'merged');
        await deps.ingestion.upload(merged, staged);
        const published = `${run.runId}__ai_unit_economics.parquet`;
        return { dataset: AI_UNIT_ECONOMICS, totals, files: [{ staged, published, totals }] };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
